import { Model, Types } from 'mongoose';
import { isDuplicateKeyError } from '../errors';
import { DraftStatus } from './draftStatus';
import { DraftTransition, DraftTransitionDoc } from './draftTransition';
import { countDraftMove, type MovedDraft } from '../analytics/draftMove';

type Id = Types.ObjectId | string;
type Extra = { reason?: string; sentMessage?: Types.ObjectId };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;

/**
 * Moves one draft `from` → `to`; true only for the caller that made the move.
 *
 * 1. Read the draft (filter + status `from`); gone or elsewhere → false.
 * 2. Insert the DraftTransition (draft, from): the unique index lets one caller through.
 *    A loser re-applies the winner's transition (repairs a winner that died before step 3)
 *    unless the draft has left the winner's state since, and returns false.
 * 3. Write the draft. If it no longer was in `from` and not already in `to`, another writer
 *    bypassed the transitions: withdraw the record and return false.
 */
export async function moveDraft(
  drafts: AnyModel,
  filter: { _id: Id; organization?: Id },
  from: DraftStatus,
  to: DraftStatus,
  extra: Extra = {},
): Promise<boolean> {
  const current = await drafts.findOne({ ...filter, status: from }, { organization: 1 }).lean<{
    _id: Types.ObjectId;
    organization: Types.ObjectId;
  }>();
  if (!current) return false;
  return moveKnownDraft(drafts, current, from, to, extra);
}

/**
 * `moveDraft` without step 1, for a caller that already knows the draft and its organization (a
 * LiveDraft entry): the transition insert alone decides. A draft that was not in `from` ends up
 * with no change: the insert loses to the record of its earlier move, or step 3 withdraws it.
 */
export async function moveKnownDraft(
  drafts: AnyModel,
  current: { _id: Types.ObjectId; organization: Types.ObjectId },
  from: DraftStatus,
  to: DraftStatus,
  extra: Extra = {},
): Promise<boolean> {
  let record: DraftTransitionDoc;
  try {
    const created = await DraftTransition.create({
      organization: current.organization,
      draft: current._id,
      from,
      to,
      at: new Date(),
      ...extra,
    });
    record = created.toObject();
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const winner = await DraftTransition.findOne({ draft: current._id, from }).lean<DraftTransitionDoc>();
    // A draft that already moved on from the winner's state (unknown → resending → unknown) had it applied long ago.
    if (winner && !(await DraftTransition.exists({ draft: current._id, from: winner.to })))
      await applyTransition(drafts, winner);
    return false;
  }

  const after = (await applyTransition(drafts, record))
    ? { status: to }
    : await drafts.findById(current._id, { status: 1 }).lean<{ status?: string }>();
  if (after?.status === to) {
    // Analytics count the move here, where it happens once (docs/analytics.md).
    await countDraftMove(current._id, from, to, record.at, () =>
      drafts.findById(current._id, COUNTED_FIELDS).lean<MovedDraft>().exec(),
    );
    return true;
  }
  await DraftTransition.deleteOne({ _id: record._id });
  return false;
}

const COUNTED_FIELDS = {
  organization: 1,
  conversation: 1,
  kind: 1,
  rule: 1,
  step: 1,
  triggerMessage: 1,
  'triggerMail.from': 1,
};

/** Writes a transition onto its draft if the draft is still in `from`; idempotent. */
export async function applyTransition(drafts: AnyModel, t: DraftTransitionDoc): Promise<boolean> {
  const set: Record<string, unknown> = { status: t.to, statusChangedAt: t.at };
  if (t.reason != null) set.reason = t.reason;
  if (t.to === 'sent') {
    set.sentMessage = t.sentMessage;
    set.sentAt = t.at;
  }
  const res = await drafts.updateOne({ _id: t.draft, status: t.from }, { $set: set });
  return res.matchedCount === 1;
}
