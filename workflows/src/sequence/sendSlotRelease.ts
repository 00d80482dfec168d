// A follow-up that leaves its reserved send time unused gives the reservation back (docs/sending-windows.md).
import { activities } from './activities';
import type { FollowUpSequenceInput, StepState } from '../types';

/**
 * The step will not go at its reserved time (discarded, paused, moved, the sequence closing): its
 * day tickets and slot are given back, so the daily cap is not under-used by mail never sent.
 * Does nothing for a step without a reservation (no cap, not due yet, or given back already).
 */
export async function releaseReservation(input: FollowUpSequenceInput, step: StepState, why: string): Promise<void> {
  const notBefore = step.reservedFrom;
  if (!notBefore) return;
  step.reservedFrom = undefined;
  step.reservedFor = undefined;
  await activities(`give back the send slot of follow-up ${step.step} (${why})`).releaseSendTime({
    organizationId: input.organizationId,
    draftId: step.draftId,
    notBefore,
  });
}
