// The activity proxies of the sequence, each call with its summary (shown in the Temporal UI).
import { proxyActivities } from '@temporalio/workflow';
import type { SequenceActivities } from '../activities';
import { activityOptions } from '../activityOptions';

/** Activities on our database (and the hook outbox): a minute each, retried without end. */
export const activities = (summary: string) => proxyActivities<SequenceActivities>({ ...activityOptions, summary });

/** Sends heartbeat (worker heartbeat.ts): one cut off by a dead worker is retried after 20 s, not after its 1-minute timeout. */
export const sendActivities = (summary: string) =>
  proxyActivities<SequenceActivities>({ ...activityOptions, heartbeatTimeout: '20 seconds', summary });
