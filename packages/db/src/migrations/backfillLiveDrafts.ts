import { onlyDuplicateKeys } from '../errors';
import { Draft } from '../models/draft';
import { LIVE_STATUSES, LiveDraft } from '../models/liveDraft';

/**
 * One-off at start (from `ensureIndexes`): a LiveDraft entry for every draft that may still be sent
 * but has none (drafts written before LiveDraft existed). Idempotent; returns how many were added.
 */
export async function backfillLiveDrafts(): Promise<number> {
  const live = await Draft.find(
    { status: { $in: LIVE_STATUSES } },
    { organization: 1, conversation: 1, kind: 1, autoFollowup: 1 },
  ).lean();
  if (!live.length) return 0;
  const known = new Set((await LiveDraft.find({}, { _id: 1 }).lean()).map((d) => String(d._id)));
  const missing = live.filter((d) => !known.has(String(d._id)));
  if (!missing.length) return 0;
  try {
    await LiveDraft.insertMany(
      missing.map((d) => ({
        _id: d._id,
        organization: d.organization,
        conversation: d.conversation,
        kind: d.kind,
        autoFollowup: d.autoFollowup ?? false,
      })),
      { ordered: false },
    );
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
  }
  return missing.length;
}
