// The report page's recent replies (`recentReplies`, read per rule on each load of /reports) at two
// history sizes: each reply's mark as `countInboundMail` inserts it, and the rule's `AnalyticsRecent`
// list from before the marks.
import { Types } from 'mongoose';
import { AnalyticsMark, AnalyticsRecent, recentReplies, replyMark } from '@follow-ups/db';
import { progress, round } from './measure';
import type { BenchStack } from './stack';

const BATCH = 1_000;
const MINUTE = 60_000;

/** The reply marks of `n` sequences of `rule` replied to a minute apart up to `newest`, and the list kept before the marks. */
export async function preloadReplyMarks(organization: string, rule: string, n: number, newest: Date): Promise<void> {
  for (let done = 0; done < n; done += BATCH) {
    const marks = Array.from({ length: Math.min(BATCH, n - done) }, (_, i) => ({
      _id: `reply:${organization}:${String(new Types.ObjectId())}`,
      ...replyMark(organization, rule, {
        conversation: String(new Types.ObjectId()),
        step: 2,
        at: new Date(newest.getTime() - (done + i) * MINUTE),
        from: `old${done + i}@prospect.test`,
        subject: 'Re: Your quote',
      }),
    }));
    await AnalyticsMark.collection.insertMany(marks as never[], { ordered: false });
  }
  const old = (i: number) => ({
    conversation: String(new Types.ObjectId()),
    step: 2,
    at: new Date(newest.getTime() - (n + i) * MINUTE),
    from: `older${i}@prospect.test`,
    subject: 'Re: Your quote',
  });
  await AnalyticsRecent.updateOne(
    { _id: `${organization}|${rule}` },
    { $setOnInsert: { replies: Array.from({ length: 10 }, (_, i) => old(i)), v: 10 } },
    { upsert: true },
  );
}

/** Median ms of one rule's `recentReplies` (5 reads), as the report page reads it per rule. */
export async function measureRecentReplies(organization: string, rule: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const replies = await recentReplies(organization, rule);
    times.push(performance.now() - started);
    if (replies.length !== 10) throw new Error(`recent replies: ${replies.length}, expected 10`);
  }
  return times.sort((a, b) => a - b)[2]!;
}

/**
 * `--only=recent`: the read alone on a fresh database, for a rule replied to once a minute up to now,
 * at `base` and at `history` replies; then for a rule whose `idle` replies (once a minute) stopped 30
 * days ago, the worst shape: the read finds nothing in the last hours and days and reads a whole week.
 */
export async function recentRepliesPhase(stack: BenchStack, base: number, history: number, idle: number) {
  const db = await stack.openDatabase('bench_recent');
  try {
    const organization = String(new Types.ObjectId());
    const [rule, idleRule] = [String(new Types.ObjectId()), String(new Types.ObjectId())];
    const now = new Date();
    await preloadReplyMarks(organization, rule, base, now);
    await stack.infra.mirrorIndexes();
    const baseMs = await measureRecentReplies(organization, rule);
    progress(`recent replies: ${round(baseMs, 1)} ms at ${base} replies; preloading ${history - base} older ones`);
    await preloadReplyMarks(organization, rule, history - base, new Date(now.getTime() - base * MINUTE));
    const afterMs = await measureRecentReplies(organization, rule);
    progress(`recent replies: ${round(afterMs, 1)} ms at ${history} replies; a rule idle for 30 days (${idle})`);
    await preloadReplyMarks(organization, idleRule, idle, new Date(now.getTime() - 30 * 24 * 60 * MINUTE));
    const idleMs = await measureRecentReplies(organization, idleRule);
    return { base: baseMs, after: afterMs, idle: idleMs };
  } finally {
    await db.close();
  }
}
