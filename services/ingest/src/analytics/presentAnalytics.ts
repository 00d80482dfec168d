import type { RuleAnalytics } from '@follow-ups/contract';
import { histogramQuantile, REPLY_TIME_BUCKETS_S } from '@follow-ups/db';
import { addGroups, field, weekName, type Group, type Groups, type WeekGroups } from './sumCounters';

const STEP_FIELDS = ['scheduled', 'sent', 'discarded', 'replies', 'out_of_office', 'bounces', 'unsubscribes'] as const;
const ENDS = ['replied', 'completed', 'stopped', 'bounced', 'unsubscribed', 'failed'] as const;

const histogramOf = (group: Group | undefined): number[] => {
  const ttr = (group?.ttr ?? {}) as Record<string, number>;
  return Array.from({ length: REPLY_TIME_BUCKETS_S.length + 1 }, (_, i) => ttr[String(i)] ?? 0);
};

function stepOf(step: number, group: Group | undefined, started: number): RuleAnalytics['steps'][number] {
  const counts = Object.fromEntries(STEP_FIELDS.map((f) => [f, field(group, f)])) as Record<
    (typeof STEP_FIELDS)[number],
    number
  >;
  // The trigger (step 0) is "sent" once per sequence started.
  const sent = step === 0 ? started : counts.sent;
  const histogram = histogramOf(group);
  return {
    step,
    ...counts,
    sent,
    reply_rate: sent ? Math.round((counts.replies / sent) * 10_000) / 10_000 : null,
    time_to_reply_p50_s: histogramQuantile(histogram, 0.5),
    time_to_reply_p90_s: histogramQuantile(histogram, 0.9),
  };
}

/** The API's view of a rule's weekly counters summed over the range; `live`: the gauges read from Temporal. */
export function presentAnalytics(
  rule: { id: string; description: string },
  range: { from: Date; until: Date },
  weeks: WeekGroups[],
  live: { active: number; paused: number },
): RuleAnalytics {
  const total: Groups = {};
  for (const w of weeks) addGroups(total, w.groups);
  const started = field(total.seq, 'started');
  const stepNumbers = Object.keys(total)
    .filter((k) => /^\d+$/.test(k))
    .map(Number);
  const steps = [...new Set([0, ...stepNumbers])]
    .sort((a, b) => a - b)
    .map((n) => stepOf(n, total[String(n)], started));
  const sumSteps = (groups: Groups, f: string) =>
    Object.entries(groups).reduce((n, [k, g]) => n + (/^\d+$/.test(k) ? field(g, f) : 0), 0);
  const histogram = steps
    .map((st) => histogramOf(total[String(st.step)]))
    .reduce((a, b) => a.map((n, i) => n + (b[i] ?? 0)));
  return {
    rule: rule.id,
    description: rule.description,
    from: Math.floor(range.from.getTime() / 1000),
    until: Math.floor(range.until.getTime() / 1000),
    sequences: {
      started,
      ...live,
      ...(Object.fromEntries(ENDS.map((e) => [e, field(total.seq, e)])) as Record<(typeof ENDS)[number], number>),
    },
    steps,
    weeks: weeks.map((w) => ({
      week: weekName(w.week),
      week_start: Math.floor(w.week.getTime() / 1000),
      started: field(w.groups.seq, 'started'),
      sent: sumSteps(w.groups, 'sent'),
      replies: sumSteps(w.groups, 'replies'),
      out_of_office: sumSteps(w.groups, 'out_of_office'),
      bounces: sumSteps(w.groups, 'bounces'),
      unsubscribes: sumSteps(w.groups, 'unsubscribes'),
    })),
    time_to_reply_histogram: histogram.map((replies, i) => ({ up_to_s: REPLY_TIME_BUCKETS_S[i] ?? null, replies })),
  };
}
