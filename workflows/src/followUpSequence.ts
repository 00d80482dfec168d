import { allHandlersFinished, condition } from '@temporalio/workflow';
import { closeSequence } from './sequence/closeSequence';
import { handleSignalsAndUpdates } from './sequence/handlers';
import { publishRun, startRun } from './sequence/run';
import { releaseReservation } from './sequence/sendSlotRelease';
import { sendStep } from './sequence/sendStep';
import { waitUntilDue } from './sequence/waitUntilDue';
import type { FollowUpSequenceInput, SequenceState } from './types';

/**
 * One sequence per conversation, read top to bottom:
 * 1. the plan arrives with the input (every follow-up a draft with its send time);
 * 2. for each follow-up: wait until it is due — or a reply, a stop, a pause, an out-of-office
 *    reply comes in (signals and updates, `sequence/handlers.ts`); within a sending window the
 *    wait also reserves the actual send time (`sequence/waitUntilDue.ts`);
 * 3. send it through an activity and record the outcome (`sequence/sendStep.ts`);
 * 4. at the end, discard what is left after a reply or stop, or settle as completed/failed
 *    (`sequence/closeSequence.ts`).
 * Changing what this code does to a running history needs care: docs/changing-workflows.md.
 */
export async function followUpSequence(input: FollowUpSequenceInput): Promise<SequenceState> {
  const run = startRun(input);
  handleSignalsAndUpdates(run);
  publishRun(run);

  for (const step of run.state.steps) {
    const due = await waitUntilDue(run, step);
    if (!due) break; // a reply or a stop: the rest is discarded below
    if (step.status !== 'scheduled') {
      // discarded while waiting (DELETE /v1/drafts/:id): its reserved slot goes back
      await releaseReservation(input, step, step.status);
      continue;
    }
    await sendStep(run, step);
    publishRun(run);
  }

  await closeSequence(run);
  await condition(allHandlersFinished);
  return run.state;
}
