// A sequence start counted in one write besides the counter: the conversation's counting row is the mark.
import { isDuplicateKeyError } from '../errors';
import { Coalescer } from './coalesce';
import { incrementLocked } from './count';
import { counterId, senderField, weekStart } from './keys';
import { AnalyticsSequence } from './models';
import type { SequenceStart } from './sequence';

const fieldsOf = new Map<string, { organization: string; rule: string; week: Date }>();
const writes = new Coalescer(async (id, inc) => {
  await incrementLocked(id, fieldsOf.get(id)!, inc);
  if (fieldsOf.size > 10_000) fieldsOf.clear();
});

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
    const sender = senderField(start.sender);
    const inc: Record<string, number> = {};
    const increments: Record<string, number> = { 'seq.started': 1 };
    for (const step of start.steps) increments[`${step}.scheduled`] = 1;
    for (const [path, n] of Object.entries(increments)) {
      inc[`c.all.${path}`] = n;
      inc[`c.by.${sender}.${path}`] = n;
    }
    const week = weekStart(start.at);
    const id = counterId(start.organization, start.rule, week);
    fieldsOf.set(id, { organization: start.organization, rule: start.rule, week });
    await writes.add(id, inc);
    return true;
  } catch (error) {
    process.emitWarning(`analytics: start of ${start.trigger} not counted: ${String(error)}`);
    return false;
  }
}
