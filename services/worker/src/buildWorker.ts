import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { hookDeliveryTaskQueue } from '@follow-ups/workflows';
import { defaultWorkerTuning, type WorkerTuning } from '@follow-ups/config';
import type { DataConverter } from '@temporalio/common';
import { createActivities, type ActivityDeps } from './activities';
import { workflowBundle } from './workflowBundle';

export type BuildWorkerOptions = {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (tests build it once); otherwise the worker bundles workflows/ itself. Lean either way (workflowBundle.ts). */
  workflowBundlePath?: string;
  maxConcurrentActivityTaskExecutions?: number;
  /** Cache and concurrency (WORKER_* variables; a WorkerConfig fits); unset ones take the defaults. */
  tuning?: Partial<WorkerTuning>;
  /** The shared data converter (temporalDataConverter): payloads encrypted when a key is configured. */
  dataConverter?: DataConverter;
};

/** Builds (does not run) the worker that hosts the sequence workflow and its activities. */
export async function buildWorker(options: BuildWorkerOptions): Promise<Worker> {
  const workflows: Pick<WorkerOptions, 'workflowBundle'> = {
    workflowBundle: await workflowBundle(options.workflowBundlePath),
  };
  const tuning = { ...defaultWorkerTuning, ...options.tuning };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    dataConverter: options.dataConverter,
    activities: createActivities(options.deps),
    maxCachedWorkflows: tuning.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: tuning.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions:
      options.maxConcurrentActivityTaskExecutions ?? tuning.WORKER_MAX_CONCURRENT_ACTIVITIES,
    // Follow-ups' sends (local activities) share the bound of activities.
    maxConcurrentLocalActivityExecutions: tuning.WORKER_MAX_CONCURRENT_ACTIVITIES,
    stickyQueueScheduleToStartTimeout: tuning.WORKER_STICKY_QUEUE_TIMEOUT_MS,
    reuseV8Context: tuning.WORKER_REUSE_V8_CONTEXT,
    ...workflows,
  });
}

/**
 * Builds the worker of hook deliveries: activities only, on `<taskQueue>-hooks`, with its own slots
 * (WORKER_MAX_CONCURRENT_HOOK_DELIVERIES), so receivers that never answer cannot hold the slots
 * sends and follow-ups run in. The same process runs it beside `buildWorker`'s.
 */
export async function buildHookWorker(
  options: Omit<BuildWorkerOptions, 'workflowBundlePath' | 'maxConcurrentActivityTaskExecutions'>,
): Promise<Worker> {
  const tuning = { ...defaultWorkerTuning, ...options.tuning };
  const { deliverHookEvent } = createActivities(options.deps);
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: hookDeliveryTaskQueue(options.taskQueue),
    dataConverter: options.dataConverter,
    activities: { deliverHookEvent },
    maxConcurrentActivityTaskExecutions: tuning.WORKER_MAX_CONCURRENT_HOOK_DELIVERIES,
  });
}
