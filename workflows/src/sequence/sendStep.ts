// A due step is sent through its activity and the outcome recorded on the step.
import { condition, patched } from '@temporalio/workflow';
import type { SendOutcome, StepState } from '../types';
import { localSendActivities, sendActivities } from './activities';
import { closingOf, note, publishRun, type SequenceRun } from './run';
import { releaseReservation } from './sendSlotRelease';

/** Sends the step's draft and records what happened: sent, or not sent with the reason. */
export async function sendStep(run: SequenceRun, step: StepState): Promise<void> {
  step.status = 'sending';
  const result = await sendSettled(run, step);
  if (result.outcome === 'sent') {
    step.status = 'sent';
    step.sentAt = result.sentAt;
    note(run, `follow-up ${step.step} sent`);
    return;
  }
  step.status = result.status;
  step.reason = result.reason;
  note(run, `follow-up ${step.step} not sent (${result.status}): ${result.reason}`);
  if (result.status === 'discarded' || result.status === 'failed')
    await releaseReservation(run.input, step, result.status);
  // The reply webhook discarded it: the reply's signal may still be on its way (or lost in an
  // outage), the draft already says what happened.
  if (result.replied) run.closing ??= { status: 'replied', reason: result.reason };
}

/**
 * The send's outcome. Interrupted during the SendGrid call (`unknown`): SendGrid's events get the
 * grace period to confirm it, then it is settled (confirmed, resent once, or left unknown) unless
 * the sequence is closing.
 */
async function sendSettled(run: SequenceRun, step: StepState): Promise<SendOutcome> {
  const { input } = run;
  const send = {
    organizationId: input.organizationId,
    conversationId: input.conversationId,
    triggerMessageId: input.triggerMessageId,
    draftId: step.draftId,
  };
  const summary = `send follow-up ${step.step} (draft ${step.draftId})`;
  // Sequences whose history sent through an activity task replay it so (docs/changing-workflows.md).
  const sender = patched('send-as-local-activity') ? localSendActivities(summary) : sendActivities(summary);
  const result = await sender.sendFollowUp(send);
  if (result.outcome !== 'skipped' || result.status !== 'unknown' || !result.reconcileAfterMs) return result;
  step.status = 'unknown';
  step.reason = result.reason;
  note(run, `follow-up ${step.step} delivery unknown: waiting for SendGrid's events`);
  publishRun(run);
  await condition(() => run.closing !== null, result.reconcileAfterMs, {
    summary: `wait for SendGrid's events on follow-up ${step.step}`,
  });
  if (closingOf(run)) return result;
  return sendActivities(`reconcile follow-up ${step.step} (draft ${step.draftId})`).reconcileFollowUp(send);
}
