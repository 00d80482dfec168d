import { Model, Types } from 'mongoose';
import { isDuplicateKeyError } from '../errors';
import { groupInsert } from '../groupInsert';
import { groupDelete, groupUpdate } from '../groupWrite';
import { isLiveStatus, LiveDraft } from './liveDraft';
import { DraftStatus } from './draftStatus';
import { DraftTransition, DraftTransitionDoc } from './draftTransition';
import { countDraftMove, type MovedDraft } from '../analytics/draftMove';

type Id = Types.ObjectId | string;
/** `inFlightSince`: a claim's in-flight mark, kept in its record so that whoever applies the move writes it. */
type Extra = { reason?: string; sentMessage?: Types.ObjectId; inFlightSince?: Date };
/** The draft as the caller holds it: with the fields analytics count (a whole draft), the move reads nothing more. */
type KnownDraft = { _id: Types.ObjectId; organization: Types.ObjectId } & Partial<
  Omit<MovedDraft, '_id' | 'organization'>
>;
const isCountable = (d: Partial<MovedDraft>): d is MovedDraft =>
  d.organization != null && typeof d.kind === 'string' && d.conversation != null;
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
 * A claim's `extra.inFlightSince` is in its record, so a loser that applies the move writes it too:
 * on FerretDB (read-then-overwrite) a loser's late write of the move would otherwise erase the mark
 * the winner had written, and a crash during the call would then look like one before it (a resend).
 */
export async function moveKnownDraft(
  drafts: AnyModel,
  current: KnownDraft,
  from: DraftStatus,
  to: DraftStatus,
  extra: Extra = {},
): Promise<boolean> {
  const record = transitionRecord(current, from, to, extra);
  try {
    // Built typed (transitionRecord): inserted lean, mongoose would only hydrate it.
    await groupInsert(DraftTransition, [record]); // with the moves of concurrent callers: one insert
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const winner = await DraftTransition.findOne({ draft: current._id, from }).lean<DraftTransitionDoc>();
    // A draft that already moved on from the winner's state (unknown → resending → unknown) had it applied long ago.
    if (winner && !(await DraftTransition.exists({ draft: current._id, from: winner.to })))
      await applyTransition(drafts, winner);
    return false;
  }

  const applied = await applyTransition(drafts, record);
  const after = applied
    ? { status: to }
    : await drafts.findById(current._id, { status: 1 }).lean<{ status?: string }>();
  if (after?.status === to) {
    // A loser applied the move first (from a record written before records kept the mark): it goes on before the caller acts.
    if (extra.inFlightSince && !applied)
      await drafts.updateOne({ _id: current._id, status: to }, { $set: { inFlightSince: extra.inFlightSince } });
    await countMove(drafts, current, from, to, record.at);
    return true;
  }
  await DraftTransition.deleteOne({ _id: record._id });
  return false;
}

/**
 * sending → sent with no transition record, for the one caller whose insert of the sent Message
 * (unique per organization and Message-ID) went in: that insert decided the move. The other moves
 * out of `sending` (unknown, failed, discarded, and `markSent` by a retry that finds the Message
 * recorded) still exclude each other by their transition record; against this move the draft's
 * status decides (a move that finds the draft `sent` withdraws its record, `moveKnownDraft` step 3).
 * Should FerretDB's read-then-overwrite let a concurrent retry's `unknown` land last, the draft is
 * `unknown` with its Message recorded, which the reconcile confirms as sent (never resends).
 * True when this call's update moved the draft; it then counts the move, as the Message's inserter
 * alone does (a retry that finds the Message counts through `markSent`'s record: both count only
 * when that record went in while the inserter, still alive, had not yet made its update).
 */
export async function markDraftSent(
  drafts: AnyModel,
  current: KnownDraft,
  sentMessage: Types.ObjectId,
): Promise<boolean> {
  const move = { draft: current._id, from: 'sending', to: 'sent', at: new Date(), sentMessage };
  if (!(await applyTransition(drafts, move as DraftTransitionDoc))) return false;
  await countMove(drafts, current, 'sending', 'sent', move.at, true);
  return true;
}

/** Analytics count a move where it happens once (docs/analytics.md), from the draft the caller holds when it is whole. */
function countMove(
  drafts: AnyModel,
  current: { _id: Id } & Partial<Omit<MovedDraft, '_id'>>,
  from: DraftStatus,
  to: DraftStatus,
  at: Date,
  stepNoted = false,
): Promise<void> {
  const draft = { ...current, _id: new Types.ObjectId(String(current._id)) };
  const read = () =>
    isCountable(draft) ? Promise.resolve(draft) : drafts.findById(draft._id, COUNTED_FIELDS).lean<MovedDraft>().exec();
  return countDraftMove(draft._id, from, to, at, read, stepNoted);
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

/** The DraftTransition document of a move, as mongoose would write it (ids cast, timestamps). */
function transitionRecord(current: KnownDraft, from: DraftStatus, to: DraftStatus, extra: Extra): DraftTransitionDoc {
  const at = new Date();
  const record = {
    _id: new Types.ObjectId(),
    organization: new Types.ObjectId(String(current.organization)),
    draft: new Types.ObjectId(String(current._id)),
    from,
    to,
    at,
    ...(extra.reason != null ? { reason: extra.reason } : {}),
    ...(extra.sentMessage != null ? { sentMessage: new Types.ObjectId(String(extra.sentMessage)) } : {}),
    ...(extra.inFlightSince != null ? { inFlightSince: extra.inFlightSince } : {}),
    createdAt: at,
    updatedAt: at,
  };
  return record as DraftTransitionDoc;
}

/**
 * Writes a transition (with a claim's in-flight mark) onto its draft if the draft is still in `from`;
 * idempotent. True when the draft took it. The writes of concurrent moves go together (`groupUpdate`:
 * one command), and so do the removals of the LiveDraft entries of drafts that left the live
 * statuses (liveDraftSync.ts does it for a single `updateOne`); a command in which some draft was
 * not found tells nobody which, so each of its callers reads its draft (`holds`).
 */
export async function applyTransition(drafts: AnyModel, t: DraftTransitionDoc): Promise<boolean> {
  const set: Record<string, unknown> = { status: t.to, statusChangedAt: t.at };
  if (t.reason != null) set.reason = t.reason;
  if (t.inFlightSince != null) set.inFlightSince = t.inFlightSince;
  if (t.to === 'sent') {
    set.sentMessage = t.sentMessage;
    set.sentAt = t.at;
  }
  const filter = { _id: t.draft, status: t.from };
  // Back into a live status (by hand): the sync of `updateOne` makes sure the entry is there.
  if (isLiveStatus(t.to) && !isLiveStatus(t.from))
    return (await drafts.updateOne(filter, { $set: set })).matchedCount === 1;
  const applied = (await groupUpdate(drafts, filter, { $set: set })) ?? (await holds(drafts, t));
  if (applied && !isLiveStatus(t.to)) await groupDelete(LiveDraft, t.draft);
  return applied;
}

/** Whether the draft now holds this very transition: its status and time (and a sent move's Message). */
async function holds(drafts: AnyModel, t: DraftTransitionDoc): Promise<boolean> {
  const now = await drafts
    .findById(t.draft, { status: 1, statusChangedAt: 1, sentMessage: 1 })
    .lean<{ status?: string; statusChangedAt?: Date; sentMessage?: Types.ObjectId }>();
  if (!now || now.status !== t.to || now.statusChangedAt?.getTime() !== t.at.getTime()) return false;
  return t.to !== 'sent' || String(now.sentMessage) === String(t.sentMessage);
}
