import { realActivities, startTestApp, type TestApp } from './testApp';
import { newTaskQueue, withTestWorker } from './testWorker';

/** A worker with the real activities on `taskQueue` for a whole test file, until `stop()`. */
export function startWorker(testApp: TestApp, taskQueue: string): { stop: () => Promise<void> } {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const running = withTestWorker(realActivities(testApp), () => released, { taskQueue });
  return {
    async stop() {
      release();
      await running;
    },
  };
}

/** Terminates the workflows a test file left running on its task queue. */
export async function terminateRunning(testApp: TestApp, taskQueue: string): Promise<void> {
  for await (const wf of testApp.deps.temporal.workflow.list({
    query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`,
  })) {
    await testApp.deps.temporal.workflow
      .getHandle(wf.workflowId)
      .terminate('test finished')
      .catch(() => undefined);
  }
}

/**
 * A test file's app with a real worker on its own task queue: registers the beforeAll/afterAll
 * hooks (start; then stop the worker, terminate what is left running, close) and returns a getter.
 */
export function useAppWithWorker(options: { delayDivisor?: number } = {}): () => TestApp {
  const taskQueue = newTaskQueue();
  let testApp: TestApp;
  let worker: { stop: () => Promise<void> };
  beforeAll(async () => {
    testApp = await startTestApp({ taskQueue, ...options });
    worker = startWorker(testApp, taskQueue);
  });
  afterAll(async () => {
    await worker.stop();
    await terminateRunning(testApp, taskQueue);
    await testApp.close();
  });
  return () => testApp;
}
