// A rule's recent replies, for the report page: read from the reply marks, which carry them
// (count.ts inserts each reply's mark once, so two replies at the same moment are two marks and
// both listed). Before the marks carried them, each rule's list was rewritten whole in
// `AnalyticsRecent`, which two replies at once could leave with one: those documents are no longer
// written and still read, merged with the marks.
import { AnalyticsMark, AnalyticsRecent } from './models';
import type { MarkFields } from './count';

const RECENT_REPLIES = 10;
const HOUR = 3_600_000;

/**
 * The periods a reply mark is filed under (`<organization>|<rule>|<period start>` in its field), and
 * how many of each the read looks back through: the last 2 hours, else 2 days, else 12 weeks (the
 * report's range). Each lookup is an equality that FerretDB serves by index, so a read costs the
 * replies of the window that holds the newest 10, not the rule's whole history.
 */
const WINDOWS = [
  { field: 'recentHour', ms: HOUR, count: 2 },
  { field: 'recentDay', ms: 24 * HOUR, count: 2 },
  { field: 'recentWeek', ms: 7 * 24 * HOUR, count: 12 },
] as const;

export type RecentReply = { conversation: string; step: number; at: Date; from: string; subject: string };

const periodKey = (organization: string, rule: string, ms: number, at: number) =>
  `${organization}|${rule}|${Math.floor(at / ms) * ms}`;

/** What a reply's mark carries for the list (its `at`: the reply's time) and the periods it is filed under. */
export function replyMark(organization: string, rule: string, reply: RecentReply): MarkFields {
  const fields: MarkFields = { organization, rule, ...reply };
  for (const w of WINDOWS) fields[w.field] = periodKey(organization, rule, w.ms, reply.at.getTime());
  return fields;
}

/** The rule's last replies, newest first, at most 10: its reply marks and what `AnalyticsRecent` kept before them. */
export async function recentReplies(organization: string, rule: string, now = new Date()): Promise<RecentReply[]> {
  const [marks, legacy] = await Promise.all([
    markedReplies(organization, rule, now.getTime()),
    AnalyticsRecent.findById(`${organization}|${rule}`).lean(),
  ]);
  return newestDistinct([...marks, ...((legacy?.replies ?? []) as RecentReply[])]);
}

/** The reply marks of the smallest window that holds 10 of them (else of the widest). */
async function markedReplies(organization: string, rule: string, now: number): Promise<RecentReply[]> {
  let found: RecentReply[] = [];
  for (const w of WINDOWS) {
    const keys = Array.from({ length: w.count }, (_, i) => periodKey(organization, rule, w.ms, now - i * w.ms));
    const periods = await Promise.all(
      keys.map((key) =>
        AnalyticsMark.find({ [w.field]: key }, { _id: 0, conversation: 1, step: 1, at: 1, from: 1, subject: 1 })
          .sort({ at: -1 })
          .limit(RECENT_REPLIES)
          .lean<RecentReply[]>(),
      ),
    );
    found = periods.flat();
    if (found.length >= RECENT_REPLIES) break;
  }
  return found;
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
