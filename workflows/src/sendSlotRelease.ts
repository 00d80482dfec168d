// A follow-up that leaves its reserved send time unused gives the reservation back (README "Sending windows").
import { patched, proxyActivities } from '@temporalio/workflow';
import type { SequenceActivities } from './activities';
import { activityOptions } from './activityOptions';
import type { FollowUpSequenceInput, StepState } from './types';

/**
 * The step will not go at its reserved time (discarded, paused, moved, the sequence closing): its
 * day tickets and slot are given back, so the daily cap is not under-used by mail never sent.
 * Does nothing for a step without a reservation (no cap, not due yet, or given back already).
 */
export async function releaseReservation(input: FollowUpSequenceInput, step: StepState, why: string): Promise<void> {
  const notBefore = step.reservedFrom;
  if (!notBefore || !patched('release-send-slots')) return;
  step.reservedFrom = undefined;
  step.reservedFor = undefined;
  const summary = `give back the send slot of follow-up ${step.step} (${why})`;
  await proxyActivities<SequenceActivities>({ ...activityOptions, summary }).releaseSendTime({
    organizationId: input.organizationId,
    draftId: step.draftId,
    notBefore,
  });
}
