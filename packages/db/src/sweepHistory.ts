import { ARCHIVE_AFTER_MS, archiveEndedDrafts } from './draftArchive';
import { IdempotencyKey } from './models/idempotencyKey';
import { sweepSendSlots } from './sendSlotSweep';
import { purgeExpiredConversations } from './retention';

/** An Idempotency-Key answers retries for this long (Stripe keeps them 24 h), then it is removed. */
export const IDEMPOTENCY_KEY_TTL_MS = 86_400_000;
const ROUND_LIMIT = 1_000;
const MAX_ROUNDS = 20;

/**
 * The background sweep that keeps history out of the hot collections (FerretDB has no TTL index):
 * drafts that ended a day ago move to DraftHistory, Idempotency-Keys older than a day are removed,
 * and so are the send slots of days that are over.
 * With `retentionDays` (HISTORY_RETENTION_DAYS), conversations idle that long are erased.
 * Bounded per call; ingest runs it every few minutes. Returns what it did.
 */
export async function sweepHistory(
  now = new Date(),
  options: { retentionDays?: number } = {},
): Promise<{
  draftsArchived: number;
  idempotencyKeysRemoved: number;
  sendSlotsRemoved: number;
  conversationsPurged: number;
}> {
  let draftsArchived = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const moved = await archiveEndedDrafts(new Date(now.getTime() - ARCHIVE_AFTER_MS), ROUND_LIMIT);
    draftsArchived += moved;
    if (moved < ROUND_LIMIT) break;
  }
  const { deletedCount } = await IdempotencyKey.deleteMany({
    createdAt: { $lt: new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS) },
  });
  const conversationsPurged = options.retentionDays ? await purgeExpiredConversations(options.retentionDays, now) : 0;
  return {
    draftsArchived,
    idempotencyKeysRemoved: deletedCount,
    sendSlotsRemoved: await sweepSendSlots(now),
    conversationsPurged,
  };
}
