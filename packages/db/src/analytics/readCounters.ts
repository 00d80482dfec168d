// Reading counters: a rule-week's shards (counterShard.ts) summed.
import { weekStart } from './keys';
import { AnalyticsCounter } from './models';

/** Counters as stored under `c`: `all.<group>.<field>` and `by.<sender>.<group>.<field>` (`ttr.<bucket>`). */
export type Counts = { [name: string]: number | Counts };

/**
 * A rule's counters for each week overlapping [from, until], keyed by the week's Monday (ms), each
 * the sum of the week's shards; a week nothing counted in is absent. One query on the fields
 * (index `organization, rule, week`; FerretDB 1.24 answers it from its per-field indexes, a bitmap
 * scan of organization and rule, not a scan of every counter). How many shards: a week of a rule has one document per
 * process lifetime that counted one of its events during it (each process start draws a new
 * shard), e.g. 2 ingest and 4 worker processes restarted twice a week: at most 18, usually ~6,
 * so a 400-day range (58 weeks) reads ~350 small documents, ~1,000 at worst. Counter documents
 * written before shards (`<organization>|<rule>|<week>`) carry the same fields and are summed too.
 *
 * Old shards are not folded into one: a fold reads shards, writes their sum and deletes them,
 * which without transactions either double counts (crash between the write and the deletes) or
 * loses counts: an event counts in the week it happened, so a live process may still `$inc` an
 * old week's shard (an activity retried days later), and on FerretDB even a conditional delete is
 * read-then-delete, so that increment can land between the fold's read and its delete.
 */
export async function counterWeeks(
  organization: string,
  rule: string,
  from: Date,
  until: Date,
): Promise<Map<number, Counts>> {
  const shards = await AnalyticsCounter.find(
    { organization, rule, week: { $gte: weekStart(from), $lte: until } },
    { week: 1, c: 1 },
  ).lean();
  const weeks = new Map<number, Counts>();
  for (const shard of shards) {
    const week = shard.week.getTime();
    weeks.set(week, addCounts(weeks.get(week) ?? emptyCounts(), (shard.c ?? {}) as Counts));
  }
  return weeks;
}

/** Adds `from` into `into`, number by number at every depth; returns `into`. */
export function addCounts(into: Counts, from: Counts): Counts {
  for (const [name, value] of Object.entries(from)) {
    const had = into[name];
    if (typeof value === 'number') into[name] = (typeof had === 'number' ? had : 0) + value;
    else if (value && typeof value === 'object')
      into[name] = addCounts(typeof had === 'object' ? had : emptyCounts(), value);
  }
  return into;
}

/** Without a prototype: a stored name (a sender's address) such as `__proto__` stays a plain key. */
const emptyCounts = (): Counts => Object.create(null) as Counts;
