import { insertedDespite, onlyDuplicateKeys } from '../errors';
import { counterWrites, type CounterKey } from './counterShard';
import { senderField, weekStart } from './keys';
import { AnalyticsMark } from './models';

/** Where an event counts: the organization's rule, the sender of the sequence, and when it happened. */
export type CountTarget = { organization: string; rule: string; sender: string; at: Date };
/** Increments by `<group>.<field>` (`seq.started`, `1.sent`, `0.ttr.4`). */
export type Increments = Record<string, number>;

/**
 * An event to count: its id (counted once), where it counts, and by how much. `decided`: the caller
 * alone got through a unique insert that stands for this very event (a draft's move: its (draft,
 * from) transition, models/draftMoves.ts), so a repeat never gets here and no mark is inserted.
 */
export type CountedEvent = {
  id: string;
  target: CountTarget;
  increments: Increments;
  decided?: true;
  mark?: MarkFields;
};
/** What a mark carries besides its id (a reply's: what the report page lists, recent.ts); `at` replaces the insert time. */
export type MarkFields = Record<string, string | number | Date>;

/**
 * Counts an event once: its id is marked first (a unique insert: a repeat finds the mark and counts
 * nothing), then the counters of its rule's week are incremented for all senders and for its
 * sender, coalesced with this process's other increments of the same document, in this process's
 * shard (counterShard.ts: one `$inc`, no lock). A crash between the two loses that one count
 * (never counts it twice). Never throws: counting must not fail the send, reply or end it
 * describes; it returns whether it counted.
 */
export async function countOnce(eventId: string, target: CountTarget, increments: Increments): Promise<boolean> {
  const [counted] = await countAll([{ id: eventId, target, increments }]);
  return counted === true;
}

/**
 * `countOnce` for the events of one operation (a reply and the follow-ups it discarded): their marks
 * in one insert (none for `decided` events), then each counter document they touch written once
 * with their sum. Per event, whether it counted.
 */
export async function countAll(events: CountedEvent[]): Promise<boolean[]> {
  if (!events.length) return [];
  try {
    const toMark = events.filter((e) => !e.decided);
    const fresh = toMark.length ? await insertMarks(toMark) : [];
    const counted = events.map((e) => e.decided === true || fresh[toMark.indexOf(e)] === true);
    await addToCounters(events.filter((_, i) => counted[i]));
    return counted;
  } catch (error) {
    process.emitWarning(`analytics: ${events.map((e) => e.id).join(', ')} not counted: ${String(error)}`);
    return events.map(() => false);
  }
}

/** The events' increments, each counter document they touch written once (in this process's shard). */
async function addToCounters(events: CountedEvent[]): Promise<void> {
  const writes = new Map<string, { key: CounterKey; inc: Record<string, number> }>();
  for (const event of events) {
    const key = counterKey(event.target);
    const id = `${key.organization}|${key.rule}|${key.week.getTime()}`;
    const write = writes.get(id) ?? { key, inc: {} };
    writes.set(id, write);
    addCounterPaths(write.inc, event.target.sender, event.increments);
  }
  await Promise.all([...writes.values()].map(({ key, inc }) => counterWrites.add(key, inc)));
}

/** One insert of the events' marks (with what each carries); per mark, whether it is new (a duplicate: counted before). */
async function insertMarks(events: CountedEvent[]): Promise<boolean[]> {
  const at = new Date();
  try {
    await AnalyticsMark.insertMany(
      events.map((e) => ({ _id: e.id, at, ...e.mark })),
      { ordered: false },
    );
    return events.map(() => true);
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
    return insertedDespite(error, events.length);
  }
}

/** The counters an event at `target` counts on: its rule's week. */
export const counterKey = (target: { organization: string; rule: string; at: Date }): CounterKey => ({
  organization: target.organization,
  rule: target.rule,
  week: weekStart(target.at),
});

/** Adds `increments` into `inc` as counter paths: for all senders (`c.all.…`) and for `sender` (`c.by.<sender>.…`). */
export function addCounterPaths(inc: Record<string, number>, sender: string, increments: Increments): void {
  const by = senderField(sender);
  for (const [path, n] of Object.entries(increments)) {
    for (const field of [`c.all.${path}`, `c.by.${by}.${path}`]) inc[field] = (inc[field] ?? 0) + n;
  }
}
