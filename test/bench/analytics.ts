// Analytics reads at two history sizes. The preloaded history is inserted in bulk, so its counters
// are written here as the events would have written them (one $inc per week instead of one per
// event, in a shard of its own as one more process would): what a read costs is measured, not how
// the counts came about.
import { Types } from 'mongoose';
import { AnalyticsCounter, counterId, senderField, weekStart } from '@follow-ups/db';
import { SENDER } from './ingest';

const DAY = 86_400_000;

/** The counters of `n` sequences started around `at` (a week's worth at most): each replied after follow-up 2. */
export async function preloadCounters(organization: string, rule: string, n: number, at: Date): Promise<void> {
  const week = weekStart(at);
  const per = {
    'seq.started': n,
    'seq.replied': n,
    '1.scheduled': n,
    '2.scheduled': n,
    '3.scheduled': n,
    '1.sent': n,
    '2.sent': n,
    '3.discarded': n,
  };
  const inc: Record<string, number> = { '2.replies': n, '2.ttr.8': n };
  Object.assign(inc, per);
  const paths: Record<string, number> = {};
  for (const [path, count] of Object.entries(inc)) {
    paths[`c.all.${path}`] = count;
    paths[`c.by.${senderField(SENDER.address)}.${path}`] = count;
  }
  await AnalyticsCounter.updateOne(
    { _id: counterId(organization, rule, week, 'bench-preload') },
    { $inc: paths, $setOnInsert: { organization: new Types.ObjectId(organization), rule, week } },
    { upsert: true },
  );
}

/** Median ms of `GET /v1/analytics/rules/:id` over the last 12 weeks (5 reads). */
export async function measureAnalytics(url: string, auth: Record<string, string>, rule: string): Promise<number> {
  const times: number[] = [];
  const until = Math.floor(Date.now() / 1000);
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const res = await fetch(`${url}/v1/analytics/rules/${rule}?from=${until - 84 * 86_400}&until=${until}`, {
      headers: auth,
    });
    if (res.status !== 200) throw new Error(`analytics: ${res.status} ${await res.text()}`);
    await res.json();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2]!;
}

export const HISTORY_AT = () => new Date(Date.now() - 30 * DAY);
