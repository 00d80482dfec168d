// A rule's recent replies, for the report page: read from the reply marks, which carry them
// (count.ts inserts each reply's mark once, so two replies at the same moment are two marks and
// both listed). Before the marks carried them, each rule's list was rewritten whole in
// `AnalyticsRecent`, which two replies at once could leave with one: those documents are no longer
// written and still read, merged with the marks.
import { AnalyticsMark, AnalyticsRecent } from './models';
import type { MarkFields } from './count';

const RECENT_REPLIES = 10;

export type RecentReply = { conversation: string; step: number; at: Date; from: string; subject: string };

/** What a reply's mark carries for the list (its `at`: the reply's time). */
export const replyMark = (organization: string, rule: string, reply: RecentReply): MarkFields => ({
  organization,
  rule,
  ...reply,
});

/** The rule's last replies, newest first, at most 10: its reply marks and what `AnalyticsRecent` kept before them. */
export async function recentReplies(organization: string, rule: string): Promise<RecentReply[]> {
  const [marks, legacy] = await Promise.all([
    AnalyticsMark.find(
      { organization, rule, _id: { $regex: '^reply:' } },
      { _id: 0, conversation: 1, step: 1, at: 1, from: 1, subject: 1 },
    )
      .sort({ at: -1 })
      .limit(RECENT_REPLIES)
      .lean<RecentReply[]>(),
    AnalyticsRecent.findById(`${organization}|${rule}`).lean(),
  ]);
  return newestDistinct([...marks, ...((legacy?.replies ?? []) as RecentReply[])]);
}

/** Newest first, at most 10, a reply listed by both the marks and the old document once. */
function newestDistinct(replies: RecentReply[]): RecentReply[] {
  const seen = new Set<string>();
  return replies
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .filter((r) => {
      const key = `${r.conversation}|${r.step}|${r.at.getTime()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, RECENT_REPLIES);
}
