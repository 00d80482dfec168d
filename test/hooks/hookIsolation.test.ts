// Hooks cannot starve sends: receivers that accept connections and never answer hold only the hook
// deliveries' own slots (their task queue), and one organization's only its share of those; a due
// follow-up goes out, and another organization's hook is delivered, while they hang.
import net from 'node:net';
import request from 'supertest';
import { HookDelivery } from '@follow-ups/db';
import { terminateRunning } from '../helpers/backgroundWorker';
import { HookReceiver } from '../helpers/hookReceiver';
import { startTestApp, type TestApp } from '../helpers/testApp';
import { eventually, newTaskQueue } from '../helpers/testWorker';
import { startWorkerProcess } from '../helpers/workerProcess';
import { emit, followUpSent, newId, subscribe } from './fixtures';

jest.setTimeout(300_000);
const DIVISOR = 43_200; // a rule's "1 day" lasts 2 s
const TRIGGER = 'Here is the quote you requested';
const HOOKS = 10;
const CONVERSATIONS = 5;

const taskQueue = newTaskQueue();
let testApp: TestApp;
let blackHole: net.Server;
const held: net.Socket[] = [];
let receiver: HookReceiver;
beforeAll(async () => {
  testApp = await startTestApp({ taskQueue, delayDivisor: DIVISOR });
  blackHole = net.createServer((socket) => held.push(socket)); // accepts, reads, never answers
  await new Promise<void>((r) => blackHole.listen(0, '127.0.0.1', r));
  receiver = await HookReceiver.start();
});
afterAll(async () => {
  await terminateRunning(testApp, taskQueue);
  held.forEach((s) => s.destroy());
  await new Promise((r) => blackHole.close(r));
  await receiver.down();
  await testApp.close();
});

it('a due follow-up goes out while 50 deliveries to a black-holed receiver are still pending', async () => {
  const port = (blackHole.address() as net.AddressInfo).port;
  const slow = await testApp.newOrganization('Slow Integrations');
  for (let i = 0; i < HOOKS; i++)
    await subscribe(testApp, slow.auth, 'followup_sent', `http://127.0.0.1:${port}/hook-${i}`);
  for (let c = 0; c < CONVERSATIONS; c++) await emit(testApp, followUpSent(slow.id, newId(), 1));
  const rule = await request(testApp.app)
    .post('/v1/rules/templates/automatic-follow-ups')
    .set(slow.auth)
    .send({
      trigger_phrase: TRIGGER,
      senders: ['alex@seller.test'],
      followups: [
        { body: 'Just checking in on the quote, {{ recipient.first_name }}.', send_after: { amount: 1, unit: 'days' } },
      ],
    });
  expect([rule.status, rule.body.error]).toEqual([201, undefined]);
  const pending = () => HookDelivery.countDocuments({ organization: slow.id, status: 'pending' });
  expect(await pending()).toBe(HOOKS * CONVERSATIONS);

  // As few slots for sends as a worker can have: before hooks had their own queue, two hanging deliveries filled them.
  const worker = startWorkerProcess(testApp, {
    HOOKS_TEST_MODE: 'true',
    WORKER_MAX_CONCURRENT_ACTIVITIES: '2',
    WORKER_MAX_CONCURRENT_HOOK_DELIVERIES: '6',
    HOOKS_MAX_CONCURRENT_PER_ORGANIZATION: '4',
  });
  try {
    // Its start can be slow on a loaded machine: the first hanging connections show it polls both queues.
    await eventually(() => (held.length >= 4 ? true : undefined), 120_000, 'deliveries hanging on the black hole');

    // Another organization's working hook is delivered meanwhile: the slow one holds only its share.
    const other = await testApp.newOrganization('Other Co');
    await subscribe(testApp, other.auth, 'followup_sent', receiver.url('/other'));
    await emit(testApp, followUpSent(other.id, newId(), 1));
    await eventually(
      () => (receiver.accepted('/other').length === 1 ? true : undefined),
      30_000,
      "the other organization's delivery",
    );

    // The slow organization's follow-up, due 2 s after its trigger, goes out while its hooks hang.
    await request(testApp.app)
      .post('/v1/drafts')
      .set(slow.auth)
      .send({
        drafts: {
          subject: 'Your quote',
          body: `<p>${TRIGGER}.</p>`,
          from_field: { address: 'alex@seller.test' },
          to_fields: [{ address: 'jane@prospect.test' }],
          send: true,
        },
      })
      .expect(201);
    await eventually(
      () => (testApp.sink.list({ to: 'jane@prospect.test' }).length === 2 ? true : undefined),
      60_000,
      'the follow-up',
    );
    expect(await pending()).toBeGreaterThanOrEqual(HOOKS * CONVERSATIONS);
    expect(await HookDelivery.countDocuments({ organization: slow.id, status: 'delivered' })).toBe(0);
  } finally {
    await worker.kill();
  }
});
