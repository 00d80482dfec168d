// Retention (HISTORY_RETENTION_DAYS): conversations with no activity for that many days are erased
// with everything they hold, by the history sweep. One with a draft still scheduled is left alone
// (its sequence is still running). Bounded per call.
import { Conversation } from './models/conversation';
import { LiveDraft } from './models/liveDraft';
import { eraseConversations } from './erasure';

const ROUND_LIMIT = 200;

/** Erases the conversations idle for `retentionDays` days; returns how many. */
export async function purgeExpiredConversations(retentionDays: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  const idle = await Conversation.find({ lastActivityAt: { $lt: before } }, { _id: 1, organization: 1 })
    .limit(ROUND_LIMIT)
    .lean();
  let purged = 0;
  for (const conversation of idle) {
    if (await LiveDraft.exists({ organization: conversation.organization, conversation: conversation._id })) continue;
    await eraseConversations(conversation.organization, [conversation._id]);
    purged++;
  }
  return purged;
}
