// Temporal's share of an operation, read from sequence histories: workflow tasks and activities
// from the start to the first sleep (a trigger's), and from the first follow-up's timer firing to
// the next sleep (a follow-up sent).
import type { Client } from '@temporalio/client';

type HistoryEvent = {
  workflowTaskCompletedEventAttributes?: unknown;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string | null } | null } | null;
  markerRecordedEventAttributes?: unknown;
  timerStartedEventAttributes?: unknown;
  timerFiredEventAttributes?: unknown;
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
    if (e.markerRecordedEventAttributes) into.localActivities++;
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

/** Workflow tasks and activities per sequence of `workflowIds` whose first follow-up timer has fired. */
export async function workflowTasks(client: Client, workflowIds: string[]): Promise<WorkflowTaskFigures> {
  const trigger = empty();
  const followUp = empty();
  let sampled = 0;
  for (const id of workflowIds) {
    const events = ((await client.workflow.getHandle(id).fetchHistory()).events ?? []) as HistoryEvent[];
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
