// How analytics counters are keyed: per organization, rule and week (UTC, from Monday), one document
// per writing process (its shard, counterShard.ts).

const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of the week holding `at`. */
export function weekStart(at: Date): Date {
  const day = Math.floor(at.getTime() / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 → weekday 3 counted from Monday.
  const fromMonday = (day + 3) % 7;
  return new Date((day - fromMonday) * DAY_MS);
}

/** `2026-11-30`: the week's Monday, as it appears in counter ids. */
export const weekLabel = (week: Date): string => week.toISOString().slice(0, 10);

/** The counter document of an organization's rule in a week, as one writer's shard. */
export const counterId = (organization: string, rule: string, week: Date, shard: string): string =>
  `${organization}|${rule}|${weekLabel(week)}|${shard}`;

/** A sender address as a field name: lower-cased, with `.` and `$` escaped (MongoDB field names). */
export const senderField = (address: string): string =>
  encodeURIComponent(address.trim().toLowerCase()).replace(/\./g, '%2E');

/** The weeks that overlap [from, until], oldest first. */
export function weeksBetween(from: Date, until: Date): Date[] {
  const weeks: Date[] = [];
  for (let w = weekStart(from); w.getTime() <= until.getTime(); w = new Date(w.getTime() + WEEK_MS)) weeks.push(w);
  return weeks;
}

/**
 * Upper bounds (seconds) of the time-to-reply histogram's buckets, log-spaced from a minute to a
 * month; the last bucket holds everything slower.
 */
export const REPLY_TIME_BUCKETS_S = [
  60,
  300,
  900,
  3600,
  3 * 3600,
  6 * 3600,
  12 * 3600,
  86_400,
  2 * 86_400,
  4 * 86_400,
  7 * 86_400,
  14 * 86_400,
  30 * 86_400,
];

/** The bucket (index into the histogram) of a time to reply; `REPLY_TIME_BUCKETS_S.length` for the slowest. */
export function replyTimeBucket(seconds: number): number {
  const i = REPLY_TIME_BUCKETS_S.findIndex((upper) => seconds <= upper);
  return i === -1 ? REPLY_TIME_BUCKETS_S.length : i;
}

/** The q-quantile (0..1) of a histogram, as its bucket's upper bound (the slowest bucket: its lower bound); null when empty. */
export function histogramQuantile(histogram: number[], q: number): number | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (!total) return null;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i] ?? 0;
    if (seen >= q * total) return REPLY_TIME_BUCKETS_S[i] ?? REPLY_TIME_BUCKETS_S[REPLY_TIME_BUCKETS_S.length - 1]!;
  }
  return REPLY_TIME_BUCKETS_S[REPLY_TIME_BUCKETS_S.length - 1]!;
}
