import { proxyActivities, sleep } from '@temporalio/workflow';
import type { ScheduledSendActivities } from './activities';
import { activityOptions } from './activityOptions';
import type { SendOutcome } from './types';

type Activities = ScheduledSendActivities;

export type ScheduledSendInput = { version: 1; organizationId: string; draftId: string; sendAt: string };

/**
 * `POST /v1/drafts` with `send_at`: sleeps until the send time, then sends the draft (which runs
 * the outgoing rules like any message sent by hand). A draft discarded meanwhile (DELETE, or a
 * reply with `auto_followup`) is skipped by the activity's claim.
 */
export async function scheduledSend(input: ScheduledSendInput): Promise<SendOutcome> {
  const waitMs = Date.parse(input.sendAt) - Date.now();
  if (waitMs > 0) await sleep(waitMs, { summary: `scheduled send at ${input.sendAt}` });
  const { sendScheduledDraft, reconcileScheduledDraft } = proxyActivities<Activities>({
    ...activityOptions,
    // The send heartbeats (worker heartbeat.ts): cut off by a dead worker, it is retried after 20 s.
    heartbeatTimeout: '20 seconds',
    summary: `send scheduled draft ${input.draftId}`,
  });
  const send = { organizationId: input.organizationId, draftId: input.draftId };
  const result = await sendScheduledDraft(send);
  // Interrupted during the SendGrid call: SendGrid's events get the grace period, then it is settled (docs/how-it-works.md, "At most once").
  if (result.outcome === 'skipped' && result.status === 'unknown' && result.reconcileAfterMs) {
    await sleep(result.reconcileAfterMs, { summary: `wait for SendGrid's events on draft ${input.draftId}` });
    return reconcileScheduledDraft(send);
  }
  return result;
}
