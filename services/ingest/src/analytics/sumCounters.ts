import { AnalyticsCounter, counterId, senderField, weekLabel, weeksBetween } from '@follow-ups/db';
import type { AnalyticsRange } from './range';

/** One counter group (`seq` or a step) as stored: field → count, and `ttr` bucket → count. */
export type Group = Record<string, number | Record<string, number>>;
export type Groups = Record<string, Group>;
export type WeekGroups = { week: Date; groups: Groups };

/**
 * The rule's counters for each week of the range, read by `_id` (one document per week, at most 58
 * for 400 days): what it costs does not grow with the number of sequences counted.
 */
export async function weeklyCounters(organization: string, rule: string, range: AnalyticsRange): Promise<WeekGroups[]> {
  const weeks = weeksBetween(range.from, range.until);
  const docs = await Promise.all(
    weeks.map((week) => AnalyticsCounter.findById(counterId(organization, rule, week), { c: 1 }).lean()),
  );
  return weeks.map((week, i) => {
    const c = (docs[i]?.c ?? {}) as { all?: Groups; by?: Record<string, Groups> };
    return { week, groups: (range.sender ? c.by?.[senderField(range.sender)] : c.all) ?? {} };
  });
}

/** Adds `b` into `a`, field by field (the `ttr` histogram bucket by bucket). */
export function addGroups(a: Groups, b: Groups): Groups {
  for (const [name, group] of Object.entries(b)) {
    const into = (a[name] ??= {});
    for (const [field, value] of Object.entries(group)) {
      if (typeof value === 'number') into[field] = ((into[field] as number | undefined) ?? 0) + value;
      else {
        const histogram = (into[field] ??= {}) as Record<string, number>;
        for (const [bucket, n] of Object.entries(value)) histogram[bucket] = (histogram[bucket] ?? 0) + n;
      }
    }
  }
  return a;
}

export const field = (group: Group | undefined, name: string): number =>
  typeof group?.[name] === 'number' ? (group[name] as number) : 0;
export const weekName = weekLabel;
