import type { FilterQuery, Types } from 'mongoose';
import { onlyDuplicateKeys } from './errors';
import { Draft, type DraftDoc } from './models/draft';
import { DraftHistory } from './models/draftHistory';

/** No transition leaves these: an archived draft never changes again (`unknown` may still be resent or become `sent`). */
export const ENDED_STATUSES = ['sent', 'discarded', 'failed'] as const;
/** Ended drafts stay in Draft this long (replies, retries and events about them arrive by then). */
export const ARCHIVE_AFTER_MS = 86_400_000;

/**
 * Moves up to `limit` drafts that ended before `endedBefore` to DraftHistory: copied first, then
 * removed from Draft, so a crash in between leaves a copy in both (the next round finishes it) and
 * nothing lost. Returns how many moved. A background sweep: its scan is not on a request's path.
 */
export async function archiveEndedDrafts(
  endedBefore = new Date(Date.now() - ARCHIVE_AFTER_MS),
  limit = 1_000,
): Promise<number> {
  const ended = await Draft.find({ status: { $in: ENDED_STATUSES }, statusChangedAt: { $lt: endedBefore } })
    .limit(limit)
    .lean();
  if (!ended.length) return 0;
  try {
    await DraftHistory.insertMany(ended, { ordered: false, lean: true });
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
  }
  const { deletedCount } = await Draft.deleteMany({
    _id: { $in: ended.map((d) => d._id) },
    status: { $in: ENDED_STATUSES },
  });
  return deletedCount;
}

/** One draft by `_id` (and organization), live or archived. */
export async function findDraftById(filter: {
  _id: Types.ObjectId | string;
  organization?: Types.ObjectId | string;
}): Promise<DraftDoc | null> {
  return (await Draft.findOne(filter).lean<DraftDoc>()) ?? (await DraftHistory.findOne(filter).lean<DraftDoc>());
}

/** The drafts matching `filter`, live and archived (a draft in both, mid-move, once), ordered by `order`. */
export async function findDraftsEverywhere(
  filter: FilterQuery<DraftDoc>,
  order: (a: DraftDoc, b: DraftDoc) => number,
): Promise<DraftDoc[]> {
  const [live, archived] = await Promise.all([
    Draft.find(filter).lean<DraftDoc[]>(),
    DraftHistory.find(filter).lean<DraftDoc[]>(),
  ]);
  const seen = new Set(live.map((d) => String(d._id)));
  return [...live, ...archived.filter((d) => !seen.has(String(d._id)))].sort(order);
}
