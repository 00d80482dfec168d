// A sequence start counted in one write besides the counter: the conversation's counting state is the mark.
import { Types } from 'mongoose';
import { groupCommit, type Settled } from '../groupCommit';
import { Conversation } from '../models/conversation';
import { addCounterPaths, counterKey } from './count';
import { counterWrites } from './counterShard';
import { startState, type CountedSequence, type SequenceStart } from './sequence';

/**
 * What a sequence start counts (`started`, each step's `scheduled`) and the conversation's counting
 * state set to its trigger at step 0, the state being the mark: it is written only when it holds
 * another trigger (or none), so a re-run for the same trigger (the rules outbox after a crash) finds
 * it and counts nothing, nor moves it back to step 0 after a follow-up was sent. Two processes
 * re-running one trigger at the very same moment could both count it on FerretDB (it reads, then
 * overwrites). A crash between the state and the counter loses that one count, never counts it
 * twice. Never throws; true when it counted.
 */
export async function countSequenceStart(start: SequenceStart): Promise<boolean> {
  try {
    const row = { conversation: start.conversation, organization: start.organization, state: startState(start) };
    if (!(await writeCountingState(row))) return false;
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

type StateRow = { conversation: string; organization: string; state: CountedSequence };

/**
 * Sets a conversation's counting state unless it already holds this trigger: true when this call set
 * it. The states of concurrent starts go together (`groupCommit`): one `update` command. Its matched
 * count says whether all went in; only when some did not (a re-run) are the conversations read back,
 * each write carrying its own `start` nonce. A second start of a conversation in the batch is written
 * after it, alone (FerretDB applies two updates of one document in one command on the same read).
 */
const writeCountingState: (row: StateRow) => Promise<boolean> = groupCommit(
  async (rows: StateRow[]): Promise<Settled<boolean>[]> => {
    const firsts = rows.filter((row, i) => rows.findIndex((r) => r.conversation === row.conversation) === i);
    const outcomes = new Map(zip(firsts, await setStates(firsts)));
    for (const row of rows) if (!outcomes.has(row)) outcomes.set(row, (await setStates([row]))[0]!);
    return rows.map((row) => ({ ok: true, value: outcomes.get(row)! }));
  },
);

const zip = <A, B>(a: A[], b: B[]): [A, B][] => a.map((x, i) => [x, b[i]!]);

async function setStates(rows: StateRow[]): Promise<boolean[]> {
  const nonces = rows.map(() => new Types.ObjectId().toHexString());
  const written = await Conversation.bulkWrite(
    rows.map((row, i) => ({
      updateOne: {
        filter: {
          _id: row.conversation,
          organization: row.organization,
          'counting.trigger': { $ne: row.state.trigger },
        },
        update: { $set: { counting: { ...row.state, start: nonces[i] } } },
      },
    })),
    { ordered: false },
  );
  if (written.matchedCount === rows.length) return rows.map(() => true);
  const now = await Conversation.find(
    { _id: { $in: rows.map((r) => r.conversation) } },
    { 'counting.start': 1 },
  ).lean();
  const set = new Set(now.map((c) => c.counting?.start).filter(Boolean));
  return nonces.map((nonce) => set.has(nonce));
}
