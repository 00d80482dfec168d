// The activity proxies of the sequence, each call with its summary (shown in the Temporal UI).
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { SequenceActivities } from '../activities';
import { activityOptions } from '../activityOptions';

/** Activities on our database (and the hook outbox): a minute each, retried without end. */
export const activities = (summary: string) => proxyActivities<SequenceActivities>({ ...activityOptions, summary });

/** Sends heartbeat (worker heartbeat.ts): one cut off by a dead worker is retried after 20 s, not after its 1-minute timeout. */
export const sendActivities = (summary: string) =>
  proxyActivities<SequenceActivities>({ ...activityOptions, heartbeatTimeout: '20 seconds', summary });

/**
 * A follow-up's send as a local activity: run by the worker inside the workflow task its timer woke,
 * so the send costs one workflow task and no activity task (Temporal's matching, the activity's
 * events, a second workflow task for its result, a second replay of an evicted sequence). A worker
 * that dies during it leaves the workflow task to time out (10 s), and the task's retry sends again
 * through the draft's claim (deliverDraft.ts: at most once). Behind `patched` (sendStep.ts).
 */
export const localSendActivities = (summary: string) =>
  proxyLocalActivities<SequenceActivities>({ ...activityOptions, summary });
