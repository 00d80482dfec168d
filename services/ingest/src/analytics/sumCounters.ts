import { addCounts, counterWeeks, senderField, weekLabel, weeksBetween } from '@follow-ups/db';
import type { AnalyticsRange } from './range';

/** One counter group (`seq` or a step) as stored: field → count, and `ttr` bucket → count. */
export type Group = Record<string, number | Record<string, number>>;
export type Groups = Record<string, Group>;
export type WeekGroups = { week: Date; groups: Groups };

/**
 * The rule's counters for each week of the range, each week's shards summed (`counterWeeks`: one
 * query; a few documents per week, at most 58 weeks for 400 days): what it costs does not grow
 * with the number of sequences counted.
 */
export async function weeklyCounters(organization: string, rule: string, range: AnalyticsRange): Promise<WeekGroups[]> {
  const counted = await counterWeeks(organization, rule, range.from, range.until);
  return weeksBetween(range.from, range.until).map((week) => {
    const c = (counted.get(week.getTime()) ?? {}) as { all?: Groups; by?: Record<string, Groups> };
    return { week, groups: (range.sender ? c.by?.[senderField(range.sender)] : c.all) ?? {} };
  });
}

/** Adds `b` into `a`, field by field (the `ttr` histogram bucket by bucket). */
export const addGroups = (a: Groups, b: Groups): Groups => addCounts(a, b) as Groups;

export const field = (group: Group | undefined, name: string): number =>
  typeof group?.[name] === 'number' ? (group[name] as number) : 0;
export const weekName = weekLabel;
