import { setTimeout as sleep } from 'node:timers/promises';
import { insertedDespite, isDuplicateKeyError, onlyDuplicateKeys } from '../errors';
import { counterId, senderField, weekStart } from './keys';
import { AnalyticsCounter, AnalyticsLock, AnalyticsMark } from './models';
import { Coalescer } from './coalesce';

/** Where an event counts: the organization's rule, the sender of the sequence, and when it happened. */
export type CountTarget = { organization: string; rule: string; sender: string; at: Date };
/** Increments by `<group>.<field>` (`seq.started`, `1.sent`, `0.ttr.4`). */
export type Increments = Record<string, number>;

const LOCK_STALE_MS = 10_000;
const LOCK_TRIES = 400;

/** An event to count: its id (counted once), where it counts, and by how much. */
export type CountedEvent = { id: string; target: CountTarget; increments: Increments };

/**
 * Counts an event once: its id is marked first (a unique insert: a repeat finds the mark and counts
 * nothing), then the counters of its rule's week are incremented for all senders and for its
 * sender, coalesced with this process's other increments of the same document and written under
 * the document's lock. A crash between the two loses that one count (never counts it twice). Never
 * throws: counting must not fail the send, reply or end it describes; it returns whether it counted.
 */
export async function countOnce(eventId: string, target: CountTarget, increments: Increments): Promise<boolean> {
  const [counted] = await countAll([{ id: eventId, target, increments }]);
  return counted === true;
}

/**
 * `countOnce` for the events of one operation (a reply and the follow-ups it discarded): their marks
 * in one insert, then each counter document they touch written once with their sum. Per event,
 * whether it counted.
 */
export async function countAll(events: CountedEvent[]): Promise<boolean[]> {
  if (!events.length) return [];
  try {
    const fresh = await insertMarks(events.map((e) => e.id));
    const incs = new Map<string, Record<string, number>>();
    events.forEach((event, i) => {
      if (fresh[i]) addIncrements(incs, event.target, event.increments);
    });
    await Promise.all([...incs].map(([id, inc]) => writes.add(id, inc)));
    return fresh;
  } catch (error) {
    process.emitWarning(`analytics: ${events.map((e) => e.id).join(', ')} not counted: ${String(error)}`);
    return events.map(() => false);
  }
}

/** One insert of the events' marks; per mark, whether it is new (a duplicate: counted before). */
async function insertMarks(ids: string[]): Promise<boolean[]> {
  const at = new Date();
  try {
    await AnalyticsMark.insertMany(
      ids.map((_id) => ({ _id, at })),
      { ordered: false },
    );
    return ids.map(() => true);
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
    return insertedDespite(error, ids.length);
  }
}

/** The increments of an event on its rule-week's document: for all senders and for its sender. */
function addIncrements(incs: Map<string, Record<string, number>>, target: CountTarget, increments: Increments): void {
  const week = weekStart(target.at);
  const sender = senderField(target.sender);
  const id = counterId(target.organization, target.rule, week);
  fieldsOf.set(id, { organization: target.organization, rule: target.rule, week });
  const inc = incs.get(id) ?? {};
  for (const [path, n] of Object.entries(increments)) {
    for (const field of [`c.all.${path}`, `c.by.${sender}.${path}`]) inc[field] = (inc[field] ?? 0) + n;
  }
  incs.set(id, inc);
}

/** What a counter document is created with, by id (set before its first write from this process). */
const fieldsOf = new Map<string, { organization: string; rule: string; week: Date }>();
const writes = new Coalescer(async (id, inc) => {
  await incrementLocked(id, fieldsOf.get(id)!, inc);
  if (fieldsOf.size > 10_000) fieldsOf.clear();
});

/** One `$inc` of a counter document under its lock: what other processes' writes cannot interleave with. */
export function incrementLocked(
  id: string,
  fields: { organization: string; rule: string; week: Date },
  inc: Record<string, number>,
): Promise<void> {
  return withCounterLock(id, () => upsertIncrement(id, fields, inc));
}

async function upsertIncrement(
  id: string,
  fields: { organization: string; rule: string; week: Date },
  inc: Record<string, number>,
): Promise<void> {
  try {
    await AnalyticsCounter.updateOne({ _id: id }, { $inc: inc, $setOnInsert: fields }, { upsert: true });
  } catch (error) {
    // Two first writers of the week: the loser's insert collides, the document now exists.
    if (!isDuplicateKeyError(error)) throw error;
    await AnalyticsCounter.updateOne({ _id: id }, { $inc: inc });
  }
}

/** Runs `work` while holding the counter document's lock (a unique insert); a lock older than 10 s is taken over. */
async function withCounterLock<T>(id: string, work: () => Promise<T>): Promise<T> {
  const lockId = `lock:${id}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await AnalyticsLock.create({ _id: lockId, at: new Date() });
      break;
    } catch (error) {
      if (!isDuplicateKeyError(error) || attempt >= LOCK_TRIES) throw error;
      const held = await AnalyticsLock.findById(lockId).lean();
      if (held && Date.now() - held.at.getTime() > LOCK_STALE_MS)
        await AnalyticsLock.deleteOne({ _id: lockId, at: held.at });
      else await sleep(5 + Math.random() * 20);
    }
  }
  try {
    return await work();
  } finally {
    await AnalyticsLock.deleteOne({ _id: lockId });
  }
}
