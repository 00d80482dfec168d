// Worker processes for the fault scenarios: started, known to be polling, killed with SIGKILL.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestApp } from '../helpers/testApp';
import { eventually } from '../helpers/testWorker';
import { sleep } from './config';
import { startWorkerProcess } from '../helpers/workerProcess';

export type WorkerProcess = ReturnType<typeof startWorkerProcess>;

/** Resolves once the worker process polls the activity queue (its identity is `<pid>@<host>`). */
export async function untilPolling(
  client: Client,
  taskQueue: string,
  worker: WorkerProcess,
  timeoutMs = 60_000,
): Promise<void> {
  await eventually(
    async () => {
      if (worker.child.exitCode !== null) throw new Error(`worker exited: ${worker.output().slice(-2_000)}`);
      const { pollers } = await client.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: taskQueue },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
      });
      return pollers?.some((p) => p.identity?.startsWith(`${worker.child.pid}@`)) ? true : undefined;
    },
    timeoutMs,
    'worker polling',
  );
}

/** A worker process that is polling (`env` on top of the test app's). */
export async function startPollingWorker(testApp: TestApp, env: NodeJS.ProcessEnv = {}): Promise<WorkerProcess> {
  const worker = startWorkerProcess(testApp, env);
  await untilPolling(testApp.deps.temporal, testApp.deps.taskQueue, worker);
  return worker;
}

/**
 * A worker process that is started again whenever it exits, as the production manifests do;
 * `restarts` counts the exits. `stop()` ends the supervision and kills the current process.
 */
export function supervisedWorker(testApp: TestApp) {
  let worker = startWorkerProcess(testApp);
  let supervising = true;
  const state = {
    restarts: 0,
    current: () => worker,
    stop: async () => {
      supervising = false;
      await worker.kill();
    },
  };
  void (async () => {
    while (supervising) {
      await sleep(500);
      if (supervising && worker.child.exitCode !== null) {
        state.restarts++;
        worker = startWorkerProcess(testApp);
      }
    }
  })();
  return state;
}
