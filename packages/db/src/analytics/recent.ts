// A rule's recent replies, for the report page: read from the reply marks, which carry them
// (count.ts inserts each reply's mark once, so two replies at the same moment are two marks and
// both listed). Before the marks carried them, each rule's list was rewritten whole in
// `AnalyticsRecent`, which two replies at once could leave with one: those documents are no longer
// written and still read, merged with the marks.
import { AnalyticsMark, AnalyticsRecent } from './models';
import type { MarkFields } from './count';

const RECENT_REPLIES = 10;
const HOUR = 3_600_000;
/** How far back the list looks: the report's range. */
const WEEKS = 12;

/**
 * The periods a reply mark is filed under (`<organization>|<rule>|<period start>` in its field),
 * longest first: a read walks them newest first and goes down a level only into a period that
 * holds more than 10 replies, so it reads at most 11 marks per period it looks at and the replies
 * of one hour, never the rule's history. Each lookup is an equality that FerretDB serves by index
 * (it pushes a limit down without a sort, never a sort).
 */
const LEVELS = [
  { field: 'recentWeek', ms: 7 * 24 * HOUR },
  { field: 'recentDay', ms: 24 * HOUR },
  { field: 'recentHour', ms: HOUR },
] as const;

export type RecentReply = { conversation: string; step: number; at: Date; from: string; subject: string };

const periodStart = (at: number, ms: number) => Math.floor(at / ms) * ms;
const periodKey = (organization: string, rule: string, start: number) => `${organization}|${rule}|${start}`;
const LISTED = { _id: 0, conversation: 1, step: 1, at: 1, from: 1, subject: 1 } as const;

/** What a reply's mark carries for the list (its `at`: the reply's time) and the periods it is filed under. */
export function replyMark(organization: string, rule: string, reply: RecentReply): MarkFields {
  const fields: MarkFields = { organization, rule, ...reply };
  for (const l of LEVELS) fields[l.field] = periodKey(organization, rule, periodStart(reply.at.getTime(), l.ms));
  return fields;
}

/** The rule's last replies (of the last 12 weeks), newest first, at most 10: its reply marks and what `AnalyticsRecent` kept before them. */
export async function recentReplies(organization: string, rule: string, now = new Date()): Promise<RecentReply[]> {
  const [found, legacy] = await Promise.all([
    newestMarked(organization, rule, now.getTime()),
    AnalyticsRecent.findById(`${organization}|${rule}`).lean(),
  ]);
  return newestDistinct([...found, ...((legacy?.replies ?? []) as RecentReply[])]);
}

/** The last 2 hours at once (a busy rule's 10 are there), else the walk through the 12 weeks. */
async function newestMarked(organization: string, rule: string, now: number): Promise<RecentReply[]> {
  const hour = LEVELS[LEVELS.length - 1]!;
  const lastHours = [0, 1].map((i) => periodKey(organization, rule, periodStart(now, HOUR) - i * HOUR));
  const recent = (
    await Promise.all(lastHours.map((key) => AnalyticsMark.find({ [hour.field]: key }, LISTED).lean<RecentReply[]>()))
  ).flat();
  if (recent.length >= RECENT_REPLIES) return recent;
  const walk: Walk = { organization, rule, now, found: [] };
  const week = LEVELS[0].ms;
  await collectNewest(
    walk,
    0,
    Array.from({ length: WEEKS }, (_, i) => periodStart(now, week) - i * week),
  );
  return walk.found;
}

type Walk = { organization: string; rule: string; now: number; found: RecentReply[] };

/** Adds the replies of `starts` (periods of `LEVELS[level]`, newest first) to `walk.found` until it holds 10. */
async function collectNewest(walk: Walk, level: number, starts: number[]): Promise<void> {
  const { field, ms } = LEVELS[level]!;
  const finest = level === LEVELS.length - 1;
  for (const start of starts) {
    if (walk.found.length >= RECENT_REPLIES) return;
    const query = AnalyticsMark.find({ [field]: periodKey(walk.organization, walk.rule, start) }, LISTED);
    const replies = await (finest ? query : query.limit(RECENT_REPLIES + 1)).lean<RecentReply[]>();
    if (finest || replies.length <= RECENT_REPLIES) {
      walk.found.push(...replies);
      continue;
    }
    const child = LEVELS[level + 1]!.ms;
    const children = Array.from({ length: ms / child }, (_, i) => start + ms - (i + 1) * child);
    await collectNewest(
      walk,
      level + 1,
      children.filter((c) => c <= walk.now),
    );
  }
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
