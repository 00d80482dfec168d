// The loop is over: a reply or stop discards what is left; otherwise the sequence completed (or
// failed, naming its failed steps). Hooks hear `sequence_ended`; the state is published closed.
import { log, workflowInfo } from '@temporalio/workflow';
import { activities } from './activities';
import { closingOf, isoNow, note, publishRun, type Closing, type SequenceRun } from './run';
import { releaseReservation } from './sendSlotRelease';

export async function closeSequence(run: SequenceRun): Promise<void> {
  const closing = closingOf(run);
  if (closing) await discardRemaining(run, closing);
  else settle(run);
  // Raised before the final publish, so that the closing status and the completion reach
  // visibility together (one workflow task).
  await raiseSequenceEnded(run);
  run.state.closedAt = isoNow();
  publishRun(run);
  log.info('sequence closed', { status: run.state.status, sent: run.state.followUpsSent });
}

/** Replied or stopped: every step still scheduled is discarded with the reason, its slot given back. */
async function discardRemaining(run: SequenceRun, { status, reason }: Closing): Promise<void> {
  const { input, state } = run;
  const discarded = state.steps.filter((s) => s.status === 'scheduled');
  for (const step of discarded) {
    step.status = 'discarded';
    step.reason = reason;
  }
  await activities(`discard ${discarded.length} remaining follow-ups`).discardRemainingDrafts({
    organizationId: input.organizationId,
    conversationId: input.conversationId,
    reason,
  });
  for (const step of discarded) await releaseReservation(input, step, status);
  state.status = status;
  state.reason = reason;
  note(run, `${status}: ${discarded.length} follow-ups discarded (${reason})`);
}

/** No step left: a step that failed ends the sequence as `failed`, with the steps named (never silently completed). */
function settle(run: SequenceRun): void {
  const { state } = run;
  const unsettled = state.steps.filter(
    (s) => s.status === 'failed' || s.status === 'unknown' || s.status === 'resending',
  );
  state.status = unsettled.some((s) => s.status === 'failed') ? 'failed' : 'completed';
  state.reason = unsettled.length
    ? unsettled.map((s) => `follow-up ${s.step} ${s.status}: ${s.reason}`).join('; ')
    : null;
  note(run, `${state.status}: no follow-up left${state.reason ? ` (${state.reason})` : ''}`);
}

/** `sequence_ended` for subscribed hooks; a failure to raise it never fails the sequence. */
async function raiseSequenceEnded({ input, state }: SequenceRun): Promise<void> {
  const { workflowId, runId } = workflowInfo();
  const bounced = state.status === 'stopped' && /\bbounced\b/.test(state.reason ?? '');
  const status = bounced
    ? 'bounced'
    : state.status === 'active' || state.status === 'paused'
      ? 'completed'
      : state.status;
  try {
    await activities('raise sequence_ended').emitSequenceEvent({
      organizationId: input.organizationId,
      conversationId: input.conversationId,
      type: 'sequence_ended',
      id: `sequence_ended:${workflowId}:${runId}`,
      data: {
        sequence: { id: workflowId, rule: input.ruleId },
        status,
        reason: state.reason,
        follow_ups_sent: state.followUpsSent,
      },
    });
  } catch (error) {
    log.warn('sequence_ended could not be raised', { error: String(error) });
  }
}
