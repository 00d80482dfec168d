// GET /v1/sequences page tokens: a token this API handed out pages on; anything else is a quick 400
// that never reaches Temporal (a garbage token used to cost a 500 after 19 s of retries).
import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/testApp';
import { eventually, newTaskQueue } from '../helpers/testWorker';
import { terminateRunning } from '../helpers/backgroundWorker';
import { createTemplateRule, sendTrigger } from './fixtures';

type Issue = { path: string; message: string };

let testApp: TestApp;
let org: Awaited<ReturnType<TestApp['newOrganization']>>;
let firstPage: { sequences: { id: string }[]; next_page_token: string | null };
const taskQueue = newTaskQueue();
const list = (query: string, auth = org.auth) => request(testApp.app).get(`/v1/sequences?${query}`).set(auth);

beforeAll(async () => {
  testApp = await startTestApp({ taskQueue });
  org = await testApp.newOrganization();
  await createTemplateRule(testApp, org.auth, [1, 3]);
  // Two sequences (no worker needed: they wait for their first follow-up).
  await sendTrigger(testApp, org.auth, 'first@prospect.test');
  await sendTrigger(testApp, org.auth, 'second@prospect.test');
  await eventually(
    async () => ((await list('page_size=100').expect(200)).body.sequences.length === 2 ? true : undefined),
    20_000,
    'two sequences in visibility',
  );
  firstPage = (await list('page_size=1').expect(200)).body;
});
afterAll(async () => {
  await terminateRunning(testApp, taskQueue);
  await testApp.close();
});

it('the next_page_token of a page gives the next page', async () => {
  expect(firstPage.sequences).toHaveLength(1);
  expect(firstPage.next_page_token).toEqual(expect.any(String));
  const second = (await list(`page_size=1&page_token=${firstPage.next_page_token}`).expect(200)).body;
  expect(second.sequences).toHaveLength(1);
  expect(second.sequences[0].id).not.toBe(firstPage.sequences[0].id);
});

it.each([
  ['garbage', () => 'garbage'],
  [
    'Temporal-looking JSON',
    () => Buffer.from('{"CloseTime":"2026-01-01T00:00:00Z","RunID":"x"}').toString('base64url'),
  ],
  [
    'a token with one character of its seal changed',
    () => {
      const t = firstPage.next_page_token!;
      return `${t.slice(0, 5)}${t[5] === 'A' ? 'B' : 'A'}${t.slice(6)}`;
    },
  ],
  ['not base64url', () => encodeURIComponent('a+b/c==')],
  ['too long', () => 'a'.repeat(5000)],
])('a page token that is %s is a 400 naming query.page_token, in well under a second', async (_name, token) => {
  const started = Date.now();
  const res = await list(`page_token=${token()}`);
  const elapsed = Date.now() - started;
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('validation_error');
  expect(res.body.error.issues.map((i: Issue) => i.path)).toEqual(['query.page_token']);
  expect(elapsed).toBeLessThan(1000);
});

it('a token is bound to its filters and its organization', async () => {
  const otherFilters = await list(`page_size=1&page_token=${firstPage.next_page_token}&status=active`);
  expect(otherFilters.status).toBe(400);
  const intruder = await testApp.newOrganization('Intruder');
  const res = await list(`page_size=1&page_token=${firstPage.next_page_token}`, intruder.auth);
  expect(res.status).toBe(400);
  expect(res.body.error.issues.map((i: Issue) => i.path)).toEqual(['query.page_token']);
});
