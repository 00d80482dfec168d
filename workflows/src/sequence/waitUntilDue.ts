// A step waits for its send time; meanwhile a reply or stop closes, a pause holds, an out-of-office
// reply applies its policy, and a sending window moves the time to a reserved slot.
import { condition } from '@temporalio/workflow';
import type { StepState } from '../types';
import { applyOutOfOffice, resumeAfterOutOfOffice } from './outOfOffice';
import { reserveSendTime } from './reserve';
import { closingOf, type SequenceRun } from './run';
import { releaseReservation } from './sendSlotRelease';
import { keepSpacing } from './spacing';

/** Resolves true when `step` is due (or no longer scheduled), false when the sequence is closing. */
export async function waitUntilDue(run: SequenceRun, step: StepState): Promise<boolean> {
  const { input, state } = run;
  for (;;) {
    if (closingOf(run)) return false;
    if (step.status !== 'scheduled') return true;
    if (run.outOfOffice) {
      await applyOutOfOffice(run, run.outOfOffice);
      continue;
    }
    if (state.status === 'paused') {
      await releaseReservation(input, step, 'paused');
      await waitWhilePaused(run);
      continue;
    }
    keepSpacing(run, step);
    const sendAt = step.sendAt;
    const waitMs = Date.parse(sendAt) - Date.now();
    if (waitMs <= 0) {
      if (!input.schedule || step.reservedFor === sendAt) return true;
      await releaseReservation(input, step, 'moved');
      await reserveSendTime(run, step);
      continue;
    }
    const moved = () => state.status === 'paused' || step.status !== 'scheduled' || step.sendAt !== sendAt;
    await condition(() => run.closing !== null || moved() || run.outOfOffice !== null, waitMs, {
      summary: `wait for follow-up ${step.step} (due ${sendAt})`,
    });
  }
}

/** Paused by hand: until resumed. Paused by an out-of-office reply: until `resumeAt`, then resumes itself. */
async function waitWhilePaused(run: SequenceRun): Promise<void> {
  const { state } = run;
  const interrupted = () => run.closing !== null || state.status !== 'paused' || run.outOfOffice !== null;
  if (!state.resumeAt) {
    await condition(interrupted);
    return;
  }
  const resumeMs = Date.parse(state.resumeAt) - Date.now();
  if (resumeMs <= 0 || !(await condition(interrupted, resumeMs))) await resumeAfterOutOfOffice(run);
}
