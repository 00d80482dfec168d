// What a triggered rule starts, with a real worker sending through the SendGrid sink: the loop guard
// (follow-ups the engine sends never run rules) and one sequence per conversation.
import request from 'supertest';
import type { TestApp } from '../helpers/testApp';
import { useAppWithWorker } from '../helpers/backgroundWorker';
import { eventually } from '../helpers/testWorker';
import { createRule, outcome, send, setupOrg, TRIGGER, workflowRuns, type Condition } from './fixtures';

// "1 day" lasts one second.
const DIVISOR = 86_400;
const onTrigger: Condition[] = [{ field: 'content', operator: 'contains', values: [TRIGGER] }];

const app = useAppWithWorker({ delayDivisor: DIVISOR });
let testApp: TestApp;
beforeAll(() => {
  testApp = app();
});

const api = () => request(testApp.app);
const mails = (subject: string) => testApp.sink.list().filter((m) => m.subject === subject);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('a follow-up whose canned body holds the trigger phrase starts no new sequence once sent', async () => {
  // No "does not contain" condition: only the structural guard can stop the loop.
  const org = await setupOrg(testApp, `Hi {{ recipient.first_name }}, ${TRIGGER} last week. Any questions?`);
  const rule = await createRule(testApp, org, { items: onTrigger, delays: [1, 2] });
  const conversation = await send(testApp, org, { subject: 'Loop guard quote' });
  const { sequence } = await outcome(testApp, org, conversation);
  expect(sequence).not.toBeNull();

  const final = await testApp.deps.temporal.workflow.getHandle(sequence!.id).result();
  expect(final).toMatchObject({ status: 'completed', followUpsSent: 2 });
  const followUps = mails('Re: Loop guard quote');
  expect(followUps).toHaveLength(2);
  // The sent follow-ups do match the rule's condition...
  for (const fu of followUps) expect(fu.text).toContain(`Hi Jane, ${TRIGGER} last week.`);

  // ...yet, well past any delay the rule could schedule, nothing more happened.
  await sleep(3_000);
  const after = await outcome(testApp, org, conversation);
  expect(after.drafts.map((d) => [d.kind, d.step, d.rule, d.status])).toEqual([
    ['followup', 1, rule, 'sent'],
    ['followup', 2, rule, 'sent'],
  ]);
  expect(after.sequence).toMatchObject({ id: sequence!.id, status: 'completed' });
  expect(mails('Re: Loop guard quote')).toHaveLength(2);
  expect(await workflowRuns(testApp, conversation)).toHaveLength(1);
  const messages = (await api().get(`/v1/conversations/${conversation}/messages`).set(org.auth).expect(200)).body
    .messages;
  expect(messages.map((m: { origin: string }) => m.origin)).toEqual(['api', 'automation', 'automation']);
});

it('a second trigger while the sequence runs starts no second one; its follow-ups are discarded', async () => {
  const org = await setupOrg(testApp);
  await createRule(testApp, org, { items: onTrigger, delays: [60] });
  const conversation = await send(testApp, org, { subject: 'Second trigger quote' });
  const first = await outcome(testApp, org, conversation);
  expect(first.sequence).toMatchObject({ status: 'active' });
  const [planned] = first.drafts;

  await send(testApp, org, { conversation, body: `<p>Sorry, wrong numbers before. ${TRIGGER}: 14 seats.</p>` });
  const second = await outcome(testApp, org, conversation);
  expect(second.drafts).toHaveLength(2);
  expect(second.drafts.find((d) => d.id === planned.id)).toMatchObject({
    status: 'scheduled',
    send_at: planned.send_at,
  });
  expect(second.drafts.find((d) => d.id !== planned.id)).toMatchObject({
    kind: 'followup',
    status: 'discarded',
    reason: expect.stringContaining('already running'),
  });
  expect(second.sequence).toMatchObject({ id: first.sequence!.id, status: 'active' });
  expect(await workflowRuns(testApp, conversation)).toHaveLength(1);

  // The running plan is unchanged: still the first trigger's one step.
  const seq = (
    await api()
      .get(`/v1/sequences/${encodeURIComponent(first.sequence!.id)}`)
      .set(org.auth)
      .expect(200)
  ).body.sequences;
  expect(seq.steps.map((s: { draft: string; status: string }) => [s.draft, s.status])).toEqual([
    [planned.id, 'scheduled'],
  ]);
});

it('once the sequence has ended, a new trigger starts a new one', async () => {
  const org = await setupOrg(testApp);
  await createRule(testApp, org, { items: onTrigger, delays: [60] });
  const conversation = await send(testApp, org, { subject: 'Deal closed quote' });
  const { sequence } = await outcome(testApp, org, conversation);

  await api()
    .post(`/v1/sequences/${encodeURIComponent(sequence!.id)}/stop`)
    .set(org.auth)
    .send({ reason: 'deal closed' })
    .expect(200);
  expect((await outcome(testApp, org, conversation)).sequence).toMatchObject({ status: 'stopped' });

  await send(testApp, org, { conversation, body: `<p>New year, new offer. ${TRIGGER}.</p>` });
  const after = await outcome(testApp, org, conversation);
  expect(after.drafts.map((d) => d.status)).toEqual(['discarded', 'scheduled']);
  expect(after.drafts[0].reason).toMatch(/deal closed/);
  expect(after.sequence).toMatchObject({ id: sequence!.id, status: 'active' });
  await eventually(
    async () => ((await workflowRuns(testApp, conversation)).length === 2 ? true : undefined),
    10_000,
    'two runs of the sequence workflow',
  );
});
