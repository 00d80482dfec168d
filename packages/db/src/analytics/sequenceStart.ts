// A sequence start counted in one write besides the counter: the conversation's counting row is the mark.
import { isDuplicateKeyError } from '../errors';
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
    try {
      await AnalyticsSequence.updateOne(
        { _id: `${start.organization}|${start.conversation}`, trigger: { $ne: start.trigger } },
        {
          $set: {
            rule: start.rule,
            sender: start.sender.toLowerCase(),
            trigger: start.trigger,
            step: 0,
            sentAt: start.at,
          },
        },
        { upsert: true },
      );
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
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
