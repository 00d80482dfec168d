import { Webhook } from 'standardwebhooks';
import { startWorker, terminateRunning } from '../helpers/backgroundWorker';
import { HookReceiver } from '../helpers/hookReceiver';
import { startTestApp, type TestApp } from '../helpers/testApp';
import { eventually, newTaskQueue } from '../helpers/testWorker';
import { deliveries, emit, followUpSent, newId, subscribe } from './fixtures';

const taskQueue = newTaskQueue();
let testApp: TestApp;
let receiver: HookReceiver;
beforeAll(async () => {
  testApp = await startTestApp({ taskQueue });
  receiver = await HookReceiver.start();
});
afterAll(async () => {
  await terminateRunning(testApp, taskQueue);
  await receiver.down();
  await testApp.close();
});

it('events emitted while no worker runs are delivered, in order, once a worker starts', async () => {
  const org = await testApp.newOrganization();
  const hook = await subscribe(testApp, org.auth, 'followup_sent', receiver.url('/later'));
  const conversation = newId();
  for (const step of [1, 2, 3]) await emit(testApp, followUpSent(org.id, conversation, step));
  expect((await deliveries(testApp, org.auth, hook.id)).map((d) => d.status)).toEqual([
    'pending',
    'pending',
    'pending',
  ]);

  const worker = startWorker(testApp, taskQueue);
  try {
    await eventually(() => (receiver.accepted('/later').length === 3 ? true : undefined), 30_000, 'three deliveries');
  } finally {
    await worker.stop();
  }
  const steps = receiver.accepted('/later').map(
    (r) =>
      (
        new Webhook(hook.secret).verify(r.body, r.headers as Record<string, string>) as {
          data: { follow_up: { step: number } };
        }
      ).data.follow_up.step,
  );
  expect(steps).toEqual([1, 2, 3]);
});
