import { Message } from '@follow-ups/db';

type Batch = { ids: unknown[]; done: Promise<void> };
let waiting: Batch | null = null;
let running: Promise<unknown> = Promise.resolve();

/**
 * Clears the message's `rulesPending` mark (the rules outbox's) once its rules ran. The clears that
 * come while one is written go together in the next write, one `update` command of one statement
 * by `_id` each (`bulkWrite`): a burst of sends costs a few commands, not one each. Resolves once
 * the message's own statement is written; a failure leaves the mark, and the outbox re-runs the
 * rules, which finds the same drafts and sequence.
 */
export function markRulesDone(id: unknown): Promise<void> {
  if (waiting) {
    waiting.ids.push(id);
    return waiting.done;
  }
  const batch: Batch = { ids: [id], done: Promise.resolve() };
  batch.done = running.then(() => {
    waiting = null; // clears from now on go in the next write
    return clear(batch.ids);
  });
  waiting = batch;
  running = batch.done.catch(() => undefined);
  return batch.done;
}

async function clear(ids: unknown[]): Promise<void> {
  await Message.bulkWrite(
    ids.map((_id) => ({ updateOne: { filter: { _id }, update: { $set: { rulesPending: false } } } })),
    { ordered: false },
  );
}
