// Erasure (GDPR) of analytics: the counters are sums without identities and stay; what names a
// conversation, a message or a draft goes — counted-event marks (a reply's with what the report
// lists of it), the sequence record, the recent replies kept before the marks carried them.
import { AnalyticsMark, AnalyticsRecent, AnalyticsSequence } from './models';

const HEX_ID = /^[0-9a-f]{24}$/;

/** Removes what analytics keeps about these conversations (and their messages and drafts) of one organization. */
export async function eraseAnalytics(
  organization: string,
  conversations: string[],
  messagesAndDrafts: string[],
): Promise<{ deletedCount: number }> {
  const ids = [...conversations, ...messagesAndDrafts].filter((id) => HEX_ID.test(id));
  if (!ids.length) return { deletedCount: 0 };
  const sequences = await AnalyticsSequence.deleteMany({
    _id: { $in: conversations.map((c) => `${organization}|${c}`) },
  });
  // Marks name a message, conversation or draft inside their id (`reply:<org>:<message>`, `discarded:<draft>:…`);
  // a reply's mark also names its conversation, sender and subject (recent.ts): it goes with its conversation.
  const marks = await AnalyticsMark.deleteMany({
    $or: [{ _id: { $regex: ids.join('|') } }, { organization, conversation: { $in: conversations } }],
  });
  const erased = new Set(conversations);
  const recents = await AnalyticsRecent.find({ _id: { $regex: `^${organization}\\|` } }).lean();
  let rewritten = 0;
  for (const recent of recents) {
    const kept = recent.replies.filter((r) => !erased.has(String(r.conversation)));
    if (kept.length === recent.replies.length) continue;
    await AnalyticsRecent.updateOne({ _id: recent._id }, { $set: { replies: kept }, $inc: { v: 1 } });
    rewritten++;
  }
  return { deletedCount: sequences.deletedCount + marks.deletedCount + rewritten };
}
