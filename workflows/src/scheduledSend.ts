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
  const { sendScheduledDraft } = proxyActivities<Activities>({
    ...activityOptions,
    summary: `send scheduled draft ${input.draftId}`,
  });
  return sendScheduledDraft({ organizationId: input.organizationId, draftId: input.draftId });
}
