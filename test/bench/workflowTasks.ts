// Temporal's share of an operation, read from sequence histories: workflow tasks and activities
// from the start to the first sleep (a trigger's), from the first follow-up's timer firing to the
// next sleep (a follow-up sent), and from the reply's signal to the close plus its forwardReply workflow (a reply).
import type { Client } from '@temporalio/client';

type HistoryEvent = {
  workflowTaskCompletedEventAttributes?: unknown;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string | null } | null } | null;
  markerRecordedEventAttributes?: { markerName?: string | null } | null;
  timerStartedEventAttributes?: unknown;
  timerFiredEventAttributes?: unknown;
  workflowExecutionSignaledEventAttributes?: unknown;
};

export type TaskCounts = {
  workflowTasks: number;
  activities: number;
  localActivities: number;
  /** Activities by type. */
  byActivity: Record<string, number>;
};

export type WorkflowTaskFigures = { sampled: number; trigger: TaskCounts; followUp: TaskCounts };

const empty = (): TaskCounts => ({ workflowTasks: 0, activities: 0, localActivities: 0, byActivity: {} });

function add(into: TaskCounts, events: HistoryEvent[]): void {
  for (const e of events) {
    if (e.workflowTaskCompletedEventAttributes) into.workflowTasks++;
    // A local activity records a marker; so does patched() (markerName 'core_patch'), which is no activity.
    if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity') into.localActivities++;
    const activity = e.activityTaskScheduledEventAttributes;
    if (activity) {
      into.activities++;
      const type = activity.activityType?.name ?? '?';
      into.byActivity[type] = (into.byActivity[type] ?? 0) + 1;
    }
  }
}

const per = (c: TaskCounts, n: number): TaskCounts => ({
  workflowTasks: c.workflowTasks / n,
  activities: c.activities / n,
  localActivities: c.localActivities / n,
  byActivity: Object.fromEntries(Object.entries(c.byActivity).map(([k, v]) => [k, v / n])),
});

const historyOf = async (client: Client, id: string) =>
  ((await client.workflow.getHandle(id).fetchHistory()).events ?? []) as HistoryEvent[];

/** Workflow tasks and activities per sequence of `workflowIds` whose first follow-up timer has fired. */
export async function workflowTasks(client: Client, workflowIds: string[]): Promise<WorkflowTaskFigures> {
  const trigger = empty();
  const followUp = empty();
  let sampled = 0;
  for (const id of workflowIds) {
    const events = await historyOf(client, id);
    const firstSleep = events.findIndex((e) => e.timerStartedEventAttributes);
    const woke = events.findIndex((e) => e.timerFiredEventAttributes);
    if (firstSleep < 0 || woke < 0) continue;
    const nextSleep = events.findIndex((e, i) => i > woke && e.timerStartedEventAttributes);
    add(trigger, events.slice(0, firstSleep + 1));
    add(followUp, events.slice(woke + 1, nextSleep < 0 ? events.length : nextSleep + 1));
    sampled++;
  }
  const n = Math.max(1, sampled);
  return { sampled, trigger: per(trigger, n), followUp: per(followUp, n) };
}

export const taskCountsText = (c: TaskCounts) =>
  `${c.workflowTasks.toFixed(1)} workflow tasks, ${c.activities.toFixed(1)} activities (${
    Object.entries(c.byActivity)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ') || 'none'
  })${c.localActivities ? `, ${c.localActivities.toFixed(1)} local activities` : ''}`;

export type ReplyTaskFigures = { replies: number; sequence: TaskCounts; forwards: number; forward: TaskCounts };

/**
 * Per reply: the replied sequences (`sequenceIds`) from the first signal to the end, and the
 * forwardReply workflows on `taskQueue` (one per reply forwarded to the salesperson).
 */
export async function replyTasks(client: Client, sequenceIds: string[], taskQueue: string): Promise<ReplyTaskFigures> {
  const sequence = empty();
  for (const id of sequenceIds) {
    const events = await historyOf(client, id);
    const signaled = events.findIndex((e) => e.workflowExecutionSignaledEventAttributes);
    if (signaled >= 0) add(sequence, events.slice(signaled));
  }
  const forward = empty();
  let forwards = 0;
  const query = `WorkflowType = 'forwardReply' AND TaskQueue = '${taskQueue}'`;
  try {
    for await (const w of client.workflow.list({ query })) {
      add(forward, await historyOf(client, w.workflowId));
      forwards++;
    }
  } catch (error) {
    console.error(`[bench] forwardReply workflows not listed (${query}): ${String(error)}`);
  }
  const n = Math.max(1, sequenceIds.length);
  return { replies: sequenceIds.length, sequence: per(sequence, n), forwards, forward: per(forward, n) };
}
