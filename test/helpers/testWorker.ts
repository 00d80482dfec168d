import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { hookDeliveryTaskQueue, type WorkflowActivities } from '@follow-ups/workflows';
import { temporalDataConverterFromEnv } from '@follow-ups/config';

export type Activities = WorkflowActivities;

let runtimeQuiet = false;
function quietRuntime() {
  if (runtimeQuiet) return;
  runtimeQuiet = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed by an earlier test file in this process
  }
}

/** A client on the test Temporal server; close it with `closeClient`. */
export async function testClient(): Promise<Client> {
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  return new Client({ connection, namespace: 'default', dataConverter: temporalDataConverterFromEnv() });
}

export type TestWorkerContext = { client: Client; taskQueue: string; worker: Worker };

/**
 * Runs `fn` while a worker hosts the real workflow bundle (built once by the global setup) on a
 * fresh task queue, with the given activities: the real ones from createActivities, or fakes typed
 * as what the workflows call, and a second worker with the same activities on the hook deliveries'
 * task queue. The one shared helper every workflow test uses.
 */
export async function withTestWorker<T>(
  activities: Activities,
  fn: (ctx: TestWorkerContext) => Promise<T>,
  options: { taskQueue?: string } = {},
): Promise<T> {
  quietRuntime();
  const taskQueue = options.taskQueue ?? newTaskQueue();
  const nativeConnection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    activities,
    dataConverter: temporalDataConverterFromEnv(),
    workflowBundle: { codePath: process.env.FOLLOWUPS_WORKFLOW_BUNDLE! },
  });
  // Hook deliveries run on their own task queue, as in the worker service (buildHookWorker).
  const hookWorker = await Worker.create({
    connection: nativeConnection,
    taskQueue: hookDeliveryTaskQueue(taskQueue),
    activities,
    dataConverter: temporalDataConverterFromEnv(),
  });
  const hooksRunning = hookWorker.run();
  const client = await testClient();
  try {
    return await worker.runUntil(fn({ client, taskQueue, worker }));
  } finally {
    hookWorker.shutdown();
    await hooksRunning;
    await client.connection.close();
    await nativeConnection.close();
  }
}

export const newTaskQueue = () => `test-${randomUUID()}`;

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
