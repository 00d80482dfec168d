import { counterWeeks, weekStart } from '@follow-ups/db';

/**
 * A rule's counters of the week holding `at` as the report reads them (its shards summed), as
 * plain JSON for assertions (`c.all…`, `c.by…`); null when nothing counted in that week.
 */
export async function weekCounters(organization: string, rule: string, at: Date) {
  const weeks = await counterWeeks(organization, rule, at, at);
  return JSON.parse(JSON.stringify(weeks.get(weekStart(at).getTime()) ?? null));
}
