// A sequence start counted in one write besides the counter: the conversation's counting row is the mark.
import { isDuplicateKeyError, writeErrorsOf } from '../errors';
import { groupCommit, type Settled } from '../groupCommit';
import { addCounterPaths, counterKey } from './count';
import { counterWrites } from './counterShard';
import { AnalyticsSequence } from './models';
import type { SequenceStart } from './sequence';

/**
 * What `countSequenceStarted` counts (`started`, each step's `scheduled`, the conversation's counting
 * state at step 0), with the conversation's row as the mark instead of a separate one: the row is
 * written only when it holds another trigger (or none), so a re-run for the same trigger (the rules
 * outbox after a crash, two writers at once) finds it (its upsert collides on `_id`) and counts
 * nothing, nor moves the row back to step 0 after a follow-up was sent. A crash between the row and
 * the counter loses that one count, never counts it twice. Never throws; true when it counted.
 */
export async function countSequenceStart(start: SequenceStart): Promise<boolean> {
  try {
    const row = {
      _id: `${start.organization}|${start.conversation}`,
      trigger: start.trigger,
      set: { rule: start.rule, sender: start.sender.toLowerCase(), trigger: start.trigger, step: 0, sentAt: start.at },
    };
    if (!(await writeSequenceRow(row))) return false;
    const increments: Record<string, number> = { 'seq.started': 1 };
    for (const step of start.steps) increments[`${step}.scheduled`] = 1;
    const inc: Record<string, number> = {};
    addCounterPaths(inc, start.sender, increments);
    await counterWrites.add(counterKey(start), inc);
    return true;
  } catch (error) {
    process.emitWarning(`analytics: start of ${start.trigger} not counted: ${String(error)}`);
    return false;
  }
}

type SequenceRow = { _id: string; trigger: string; set: Record<string, unknown> };

/**
 * Writes the conversation's counting row unless it already holds this trigger: true when written,
 * false when its upsert collided (counted before). The rows of concurrent starts go together
 * (`groupCommit`): one `update` command of one upsert each, `ordered: false`, so each row's own
 * duplicate key answers only its caller. A row for a conversation already in the batch is written
 * after it, alone (FerretDB does not collide two upserts of one `_id` in one command).
 */
const writeSequenceRow: (row: SequenceRow) => Promise<boolean> = groupCommit(
  async (rows: SequenceRow[]): Promise<Settled<boolean>[]> => {
    const firsts = rows.filter((row, i) => rows.findIndex((r) => r._id === row._id) === i);
    const outcomes = new Map(zip(firsts, await upsertRows(firsts)));
    for (const row of rows) if (!outcomes.has(row)) outcomes.set(row, (await upsertRows([row]))[0]!);
    return rows.map((row) => outcomes.get(row)!);
  },
);

const zip = <A, B>(a: A[], b: B[]): [A, B][] => a.map((x, i) => [x, b[i]!]);

async function upsertRows(rows: SequenceRow[]): Promise<Settled<boolean>[]> {
  try {
    await AnalyticsSequence.bulkWrite(
      rows.map((row) => ({
        updateOne: { filter: { _id: row._id, trigger: { $ne: row.trigger } }, update: { $set: row.set }, upsert: true },
      })),
      { ordered: false },
    );
    return rows.map(() => ({ ok: true, value: true }));
  } catch (error) {
    const writeErrors = writeErrorsOf(error);
    if (!writeErrors.length) throw error;
    const failed = new Map(writeErrors.map((e) => [e.index, e.code]));
    return rows.map((_, i): Settled<boolean> => {
      if (!failed.has(i)) return { ok: true, value: true };
      return isDuplicateKeyError({ code: failed.get(i) }) ? { ok: true, value: false } : { ok: false, error };
    });
  }
}
