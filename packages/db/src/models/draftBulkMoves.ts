import { Model, Types } from 'mongoose';
import { insertedDespite, onlyDuplicateKeys } from '../errors';
import { DraftStatus } from './draftStatus';
import { DraftTransition, DraftTransitionDoc } from './draftTransition';
import { applyTransition } from './draftMoves';
import { isLiveStatus, LiveDraft } from './liveDraft';
import { Draft } from './draft';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;
type Known = { _id: Types.ObjectId; organization: Types.ObjectId };

/**
 * `moveKnownDraft` (draftMoves.ts) for several drafts at once, in three commands whatever their
 * number: one insert of their transitions, one bulk update of the drafts, one bulk delete of their
 * LiveDraft entries (when `to` is final). Per draft the same guarantees hold:
 * - the unique (draft, from) index decides each draft's winner (`ordered: false`: a loser does not
 *   stop the others); a loser re-applies its winner's transition unless the draft moved on since;
 * - a draft the update did not find in `from` (another writer bypassed the transitions) and that is
 *   not in `to` either has its transition withdrawn.
 * Returns, per draft, whether this call moved it, and the time of the move. Analytics are the
 * caller's: it counts the moved drafts with the rest of its operation (analytics/draftMove.ts).
 */
export async function moveKnownDrafts(
  drafts: AnyModel,
  known: Known[],
  from: DraftStatus,
  to: DraftStatus,
  extra: { reason?: string } = {},
): Promise<{ moved: boolean[]; at: Date }> {
  const at = new Date();
  if (!known.length) return { moved: [], at };
  const records = known.map((d) => ({
    _id: new Types.ObjectId(),
    organization: d.organization,
    draft: d._id,
    from,
    to,
    at,
    ...extra,
  }));
  const won = await insertTransitions(records);
  await Promise.all(known.filter((_, i) => !won[i]).map((d) => repairLoser(drafts, d._id, from)));

  const winners = known.filter((_, i) => won[i]);
  if (!winners.length) return { moved: won, at };
  const set = { status: to, statusChangedAt: at, ...(extra.reason != null ? { reason: extra.reason } : {}) };
  // One command of one statement per draft, each filtered by `_id` (FerretDB reads `_id` directly; an `$in` scans).
  const res = await drafts.bulkWrite(
    winners.map((d) => ({ updateOne: { filter: { _id: d._id, status: from }, update: { $set: set } } })),
    { ordered: false },
  );
  const moved = res.matchedCount === winners.length ? won : await withdrawBypassed(drafts, known, won, records, to);
  const ended = known.filter((_, i) => moved[i]);
  // Bulk writes run no middleware: the drafts' LiveDraft entries go here (liveDraftSync.ts does it for updateOne).
  if (!isLiveStatus(to) && ended.length)
    await LiveDraft.bulkWrite(
      ended.map((d) => ({ deleteOne: { filter: { _id: d._id } } })),
      { ordered: false },
    );
  return { moved, at };
}

/** One insert of every transition; per record, whether it went in (a duplicate key: another caller won). */
async function insertTransitions(records: { _id: Types.ObjectId }[]): Promise<boolean[]> {
  try {
    await DraftTransition.insertMany(records, { ordered: false });
    return records.map(() => true);
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
    return insertedDespite(error, records.length);
  }
}

/** What a loser of `moveKnownDraft` does: the winner's transition onto the draft, unless it moved on (idempotent). */
async function repairLoser(drafts: AnyModel, draft: Types.ObjectId, from: DraftStatus): Promise<void> {
  const winner = await DraftTransition.findOne({ draft, from }).lean<DraftTransitionDoc>();
  if (winner && !(await DraftTransition.exists({ draft, from: winner.to }))) await applyTransition(drafts, winner);
}

/**
 * Some winners were not in `from` when the drafts were written: those that are in `to` anyway were
 * moved (by a loser's repair); the others were moved by a writer that bypassed the transitions, so
 * their transitions are withdrawn.
 */
async function withdrawBypassed(
  drafts: AnyModel,
  known: Known[],
  won: boolean[],
  records: { _id: Types.ObjectId }[],
  to: DraftStatus,
): Promise<boolean[]> {
  const now = await Promise.all(
    known.map((d, i) => (won[i] ? drafts.findById(d._id, { status: 1 }).lean<{ status: string }>() : null)),
  );
  const moved = known.map((_, i) => won[i] === true && now[i]?.status === to);
  const withdrawn = records.filter((_, i) => won[i] && !moved[i]).map((r) => r._id);
  if (withdrawn.length) await DraftTransition.deleteMany({ _id: { $in: withdrawn } });
  return moved;
}

/** scheduled → discarded for drafts known from their LiveDraft entries (a reply's discard), in bulk. */
export function discardKnownDrafts(live: Known[], reason: string): Promise<{ moved: boolean[]; at: Date }> {
  return moveKnownDrafts(Draft, live, 'scheduled', 'discarded', { reason });
}
