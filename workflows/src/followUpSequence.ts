import { allHandlersFinished, condition, log, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { SequenceActivities } from './activities';
import { activityOptions } from './activityOptions';
import { draftDiscardedSignal, outOfOfficeSignal, pauseUpdate, replyReceivedSignal, resumeUpdate, stateQuery, stopUpdate } from './definitions';
import { outOfOfficePolicyOf, outOfOfficeResumeInput } from './outOfOfficePolicy';
import { releaseReservation } from './sendSlotRelease';
import { publish } from './visibility';
import type { FollowUpSequenceInput, OutOfOfficeReceived, SequenceState, StepState, StopRequest } from './types';

type Activities = SequenceActivities;

const activities = (summary: string) => proxyActivities<Activities>({ ...activityOptions, summary });
/** Sends heartbeat (worker heartbeat.ts): one cut off by a dead worker is retried after 20 s, not after its 1-minute timeout. */
const sendActivities = (summary: string) =>
  proxyActivities<Activities>({ ...activityOptions, ...(patched('heartbeat-sends') ? { heartbeatTimeout: '20 seconds' } : {}), summary });

const isoNow = () => new Date(Date.now()).toISOString();
/** A follow-up later than this after its spacing is moved; smaller drifts are ordinary latency. */
const SPACING_TOLERANCE_MS = 1_000;

/**
 * One sequence per conversation: waits for each follow-up's send time (or a reply, a stop, a pause),
 * sends the due draft through an activity, and on reply or stop discards the rest and completes.
 */
export async function followUpSequence(input: FollowUpSequenceInput): Promise<SequenceState> {
  const state: SequenceState = {
    status: 'active',
    steps: input.steps.map((s) => ({ ...s, status: 'scheduled', reason: null, sentAt: null })),
    nextFollowUpAt: null,
    followUpsSent: 0,
    pausedAt: null,
    closedAt: null,
    reason: null,
    timeline: [`${isoNow()} started: ${input.steps.length} follow-ups planned`],
  };
  // Set by a reply or a stop; read through closingReason() because TS cannot see handler writes.
  let closing: { status: 'replied' | 'stopped'; reason: string } | null = null;
  const closingReason = () => closing;
  // The latest out-of-office reply not handled yet (the loop applies the rule's policy).
  let outOfOffice: OutOfOfficeReceived | null = null;
  const note = (text: string) => state.timeline.push(`${isoNow()} ${text}`);
  const finished = () => state.closedAt !== null;

  setHandler(stateQuery, () => state);
  setHandler(replyReceivedSignal, (reply) => {
    closing ??= { status: 'replied', reason: `reply received${reply.from ? ` from ${reply.from}` : ''}` };
  });
  setHandler(outOfOfficeSignal, (reply) => {
    outOfOffice = reply;
  });
  setHandler(draftDiscardedSignal, ({ draftId, reason }) => {
    const step = state.steps.find((s) => s.draftId === draftId && s.status === 'scheduled');
    if (!step) return;
    step.status = 'discarded';
    step.reason = reason;
    note(`follow-up ${step.step} discarded: ${reason}`);
    publish(input, state);
  });
  setHandler(
    stopUpdate,
    async ({ reason }) => {
      closing ??= { status: 'stopped', reason: reason ? `stopped: ${reason}` : 'stopped' };
      await condition(finished);
      return state;
    },
    { validator: (_request: StopRequest) => assertOpen(state, closing) },
  );
  setHandler(
    pauseUpdate,
    () => {
      state.status = 'paused';
      state.pausedAt = isoNow();
      note('paused');
      publish(input, state);
      return state;
    },
    {
      validator: () => {
        assertOpen(state, closing);
        if (state.status === 'paused') throw new Error('sequence is already paused');
      },
    },
  );
  setHandler(
    resumeUpdate,
    async () => {
      // Remaining steps are shifted by the time spent paused, so the spacing the rule asked for is kept.
      const pausedMs = Date.now() - Date.parse(state.pausedAt ?? isoNow());
      const remaining = state.steps.filter((s) => s.status === 'scheduled');
      for (const step of remaining) step.sendAt = new Date(Date.parse(step.sendAt) + pausedMs).toISOString();
      if (remaining.length) {
        await activities('reschedule remaining follow-ups').rescheduleDrafts({
          organizationId: input.organizationId,
          steps: remaining.map((s) => ({ draftId: s.draftId, sendAt: s.sendAt })),
        });
      }
      state.status = 'active';
      state.pausedAt = null;
      if (state.resumeAt) state.reason = null; // the out-of-office pause's reason
      state.resumeAt = null;
      note(`resumed after ${Math.round(pausedMs / 1000)} s paused; remaining steps shifted`);
      publish(input, state);
      return state;
    },
    {
      validator: () => {
        assertOpen(state, closing);
        if (state.status !== 'paused') throw new Error('sequence is not paused');
      },
    },
  );

  publish(input, state);

  /** Resolves true when `step` is due, false when the sequence is closing. */
  async function waitUntilDue(step: StepState): Promise<boolean> {
    for (;;) {
      if (closing) return false;
      if (step.status !== 'scheduled') return true;
      if (outOfOffice && patched('sending-windows')) {
        await applyOutOfOffice(outOfOffice);
        continue;
      }
      if (state.status === 'paused') {
        await releaseReservation(input, step, 'paused');
        if (state.resumeAt) {
          const resumeMs = Date.parse(state.resumeAt) - Date.now();
          if (resumeMs <= 0 || !(await condition(() => closing !== null || state.status !== 'paused' || outOfOffice !== null, resumeMs)))
            await resumeAfterOutOfOffice();
        } else {
          await condition(() => closing !== null || state.status !== 'paused' || outOfOffice !== null);
        }
        continue;
      }
      keepSpacing(step);
      const sendAt = step.sendAt;
      const waitMs = Date.parse(sendAt) - Date.now();
      if (waitMs <= 0) {
        if (!input.schedule || step.reservedFor === sendAt || !patched('sending-windows')) return true;
        await releaseReservation(input, step, 'moved');
        await reserveSendTime(step);
        continue;
      }
      await condition(
        () => closing !== null || state.status === 'paused' || step.status !== 'scheduled' || step.sendAt !== sendAt || outOfOffice !== null,
        waitMs,
        {
          summary: `wait for follow-up ${step.step} (due ${sendAt})`,
        },
      );
    }
  }

  /** The window read now and the sender's daily cap give the step its actual send time (a reserved slot). */
  async function reserveSendTime(step: StepState): Promise<void> {
    const due = step.sendAt;
    const { sendAt } = await activities(`reserve a send time for follow-up ${step.step} (due ${due})`).reserveSendTime({
      organizationId: input.organizationId,
      sender: input.sender,
      draftId: step.draftId,
      notBefore: due,
      schedule: input.schedule!,
    });
    step.reservedFor = sendAt;
    if (input.schedule!.caps) step.reservedFrom = due;
    if (step.sendAt !== due) return; // moved meanwhile (pause, spacing): reserve again for the new time
    step.sendAt = sendAt;
    if (Date.parse(sendAt) - Date.parse(due) >= SPACING_TOLERANCE_MS) {
      step.plannedSendAt ??= due;
      note(`follow-up ${step.step} moved to ${sendAt} (sending window, daily cap)`);
      publish(input, state);
    }
  }

  /** The rule's out-of-office policy: pause until the return date (default), ignore, or stop. */
  async function applyOutOfOffice(reply: OutOfOfficeReceived): Promise<void> {
    outOfOffice = null;
    const policy = outOfOfficePolicyOf(input);
    const from = reply.from ? ` from ${reply.from}` : '';
    if (policy === 'ignore') {
      note(`out-of-office reply${from} ignored`);
    } else if (policy === 'stop') {
      closing ??= { status: 'stopped', reason: `stopped: out-of-office reply${from}` };
    } else {
      const { resumeAt } = await activities('plan the out-of-office pause').outOfOfficeResume(outOfOfficeResumeInput(input, state, reply));
      state.status = 'paused';
      state.pausedAt ??= isoNow();
      state.resumeAt = resumeAt;
      state.reason = `out of office${from}${reply.returnDate ? `, back on ${reply.returnDate}` : ''}; resumes ${resumeAt}`;
      note(`paused: ${state.reason}`);
    }
    publish(input, state);
  }

  /** The out-of-office pause is over: the remaining steps move so the first goes at `resumeAt`, spacing kept. */
  async function resumeAfterOutOfOffice(): Promise<void> {
    const resumeAt = Date.parse(state.resumeAt!);
    const remaining = state.steps.filter((s) => s.status === 'scheduled');
    const shiftMs = remaining.length ? Math.max(0, resumeAt - Math.min(...remaining.map((s) => Date.parse(s.sendAt)))) : 0;
    if (shiftMs > 0) {
      for (const s of remaining) {
        s.plannedSendAt ??= s.sendAt;
        s.sendAt = new Date(Date.parse(s.sendAt) + shiftMs).toISOString();
      }
      await activities('reschedule remaining follow-ups').rescheduleDrafts({
        organizationId: input.organizationId,
        steps: remaining.map((s) => ({ draftId: s.draftId, sendAt: s.sendAt })),
      });
    }
    state.status = 'active';
    state.pausedAt = null;
    state.resumeAt = null;
    state.reason = null;
    note(`resumed after the out-of-office pause; remaining follow-ups moved by ${Math.round(shiftMs / 1000)} s`);
    publish(input, state);
  }

  /**
   * After an outage (no worker, Temporal down) several follow-ups may be overdue at once: each one
   * waits at least the planned gap after the previous one was actually sent, so the spacing the
   * rule asked for is kept instead of sending them all in the same second.
   */
  function keepSpacing(step: StepState): void {
    const previous = state.steps[state.steps.indexOf(step) - 1];
    if (!previous?.sentAt || !patched('keep-spacing-after-outage')) return;
    const gapMs = Date.parse(step.plannedSendAt ?? step.sendAt) - Date.parse(previous.plannedSendAt ?? previous.sendAt);
    const earliest = Date.parse(previous.sentAt) + gapMs;
    if (earliest - Date.parse(step.sendAt) < SPACING_TOLERANCE_MS) return;
    step.plannedSendAt ??= step.sendAt;
    step.sendAt = new Date(earliest).toISOString();
    note(`follow-up ${step.step} moved to ${step.sendAt} to keep its spacing after follow-up ${previous.step} went out late`);
    publish(input, state);
  }

  for (const step of state.steps) {
    if (!(await waitUntilDue(step))) break;
    if (step.status !== 'scheduled') {
      await releaseReservation(input, step, step.status);
      continue;
    }
    step.status = 'sending';
    const send = {
      organizationId: input.organizationId,
      conversationId: input.conversationId,
      triggerMessageId: input.triggerMessageId,
      draftId: step.draftId,
    };
    let result = await sendActivities(`send follow-up ${step.step} (draft ${step.draftId})`).sendFollowUp(send);
    // Interrupted during the SendGrid call: give SendGrid's events the grace period to confirm it,
    // then settle it (confirmed, resent once, or left unknown) unless the sequence is closing.
    if (result.outcome === 'skipped' && result.status === 'unknown' && result.reconcileAfterMs && patched('reconcile-unknown-delivery')) {
      step.status = 'unknown';
      step.reason = result.reason;
      note(`follow-up ${step.step} delivery unknown: waiting for SendGrid's events`);
      publish(input, state);
      await condition(() => closingReason() !== null, result.reconcileAfterMs, { summary: `wait for SendGrid's events on follow-up ${step.step}` });
      if (!closingReason()) result = await sendActivities(`reconcile follow-up ${step.step} (draft ${step.draftId})`).reconcileFollowUp(send);
    }
    if (result.outcome === 'sent') {
      step.status = 'sent';
      step.sentAt = result.sentAt;
      note(`follow-up ${step.step} sent`);
    } else {
      step.status = result.status;
      step.reason = result.reason;
      note(`follow-up ${step.step} not sent (${result.status}): ${result.reason}`);
      if (result.status === 'discarded' || result.status === 'failed') await releaseReservation(input, step, result.status);
      // The reply webhook discarded it: the reply's signal may still be on its way (or lost in an
      // outage), the draft already says what happened.
      if (result.replied) closing ??= { status: 'replied', reason: result.reason };
    }
    publish(input, state);
  }

  const close = closingReason();
  if (close) {
    const reason = close.reason;
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
    for (const step of discarded) await releaseReservation(input, step, close.status);
    state.status = close.status;
    state.reason = reason;
    note(`${close.status}: ${discarded.length} follow-ups discarded (${reason})`);
  } else {
    const failed = state.steps.filter((s) => s.status === 'failed' || s.status === 'unknown' || s.status === 'resending');
    // A step that failed ends the sequence as `failed`, with the steps named (never silently completed).
    state.status = failed.some((s) => s.status === 'failed') && patched('failed-step-status') ? 'failed' : 'completed';
    state.reason = failed.length ? failed.map((s) => `follow-up ${s.step} ${s.status}: ${s.reason}`).join('; ') : null;
    note(`${state.status}: no follow-up left${state.reason ? ` (${state.reason})` : ''}`);
  }
  // Raised before the final publish, so that the closing status and the completion reach
  // visibility together (one workflow task).
  if (patched('raise-sequence-ended')) await raiseSequenceEnded(input, state);
  state.closedAt = isoNow();
  publish(input, state);
  log.info('sequence closed', { status: state.status, sent: state.followUpsSent });
  await condition(allHandlersFinished);
  return state;
}

/** `sequence_ended` for subscribed hooks; a failure to raise it never fails the sequence. */
async function raiseSequenceEnded(input: FollowUpSequenceInput, state: SequenceState): Promise<void> {
  const { workflowId, runId } = workflowInfo();
  const bounced = state.status === 'stopped' && /\bbounced\b/.test(state.reason ?? '');
  const status = bounced ? 'bounced' : state.status === 'active' || state.status === 'paused' ? 'completed' : state.status;
  try {
    await activities('raise sequence_ended').emitSequenceEvent({
      organizationId: input.organizationId,
      conversationId: input.conversationId,
      type: 'sequence_ended',
      id: `sequence_ended:${workflowId}:${runId}`,
      data: { sequence: { id: workflowId, rule: input.ruleId }, status, reason: state.reason, follow_ups_sent: state.followUpsSent },
    });
  } catch (error) {
    log.warn('sequence_ended could not be raised', { error: String(error) });
  }
}

function assertOpen(state: SequenceState, closing: unknown): void {
  if (state.closedAt || closing) throw new Error(`sequence is already ${state.status === 'active' || state.status === 'paused' ? 'closing' : state.status}`);
}
