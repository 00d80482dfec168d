import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { applyPendingRules } from '@follow-ups/automation';
import { Conversation, Draft, Message, Response, Rule } from '@follow-ups/db';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { freePort } from '../../deploy/local/ports';
import { buildApp } from '@follow-ups/ingest';
import {
  OUTBOX_MAX_ATTEMPTS,
  OUTBOX_PER_ORGANIZATION,
  retryPendingRules,
} from '../../services/ingest/src/drafts/retryPendingRules';
import { useTestApp, type TestApp } from '../helpers/testApp';

const TRIGGER = 'Here is the quote you requested';
type Org = Awaited<ReturnType<TestApp['newOrganization']>>;

const testApp = useTestApp();

const unreachableTemporal = async () =>
  new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: 300 }) });
const seconds = (s: number, from = new Date()) => new Date(from.getTime() + s * 1000);

/** A message sent through the API a minute ago whose rules have not run, written directly (no API checks). */
async function pendingMessage(org: Org, to: string, at = seconds(-60)) {
  const conversation = await Conversation.create({
    organization: org.id,
    subject: 'Quote',
    participants: [{ address: to }],
  });
  const message = await Message.create({
    organization: org.id,
    conversation: conversation._id,
    direction: 'outgoing',
    origin: 'api',
    from: { address: 'alex@seller.test' },
    to: [{ address: to }],
    subject: 'Quote',
    text: `${TRIGGER}.`,
    messageId: `<${to}.${Date.now()}@seller.test>`,
    rulesPending: true,
    at,
  });
  return { conversation: String(conversation._id), message: String(message._id) };
}

/** An enabled rule on the trigger phrase with one follow-up `amount` days after, written directly. */
async function ruleWithDelay(org: Org, amount: number) {
  const response = await Response.create({
    organization: org.id,
    title: 'Follow-up',
    body: 'Just checking in on the quote.',
  });
  return Rule.create({
    organization: org.id,
    description: 'Quotes',
    enabled: true,
    type: 'outgoing',
    conditions: { match: 'all', items: [{ field: 'content', operator: 'contains', values: [TRIGGER] }] },
    actions: [{ type: 'schedule_followup', response: response._id, send_after: { amount, unit: 'days' } }],
  });
}

const sequenceOf = (org: Org, conversation: string) =>
  testApp.deps.temporal.workflow.getHandle(sequenceWorkflowId(org.id, conversation));

describe('outgoing rules when Temporal is unreachable at send time', () => {
  it('answers 201 (the mail is sent once) and the outbox starts the sequence later, once', async () => {
    const org = await testApp.newOrganization();
    await request(testApp.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: TRIGGER, senders: ['alex@seller.test'] })
      .expect(201);

    const offline = buildApp({ ...testApp.deps, temporal: await unreachableTemporal() });
    const sent = await request(offline)
      .post('/v1/drafts')
      .set(org.auth)
      .send({
        drafts: {
          subject: 'Quote',
          body: `${TRIGGER}.`,
          from_field: { address: 'alex@seller.test' },
          to_fields: [{ address: 'outbox@prospect.test' }],
          send: true,
        },
      })
      .expect(201);
    const conversation = sent.body.drafts.conversation;
    expect(testApp.sink.list({ to: 'outbox@prospect.test' })).toHaveLength(1);
    expect(await Message.findOne({ conversation }).lean()).toMatchObject({ rulesPending: true });

    // Still unreachable: the round stops at once and leaves the message as it was (no failure counted).
    const later = seconds(60);
    expect(await retryPendingRules({ ...testApp.deps, temporal: await unreachableTemporal() }, later)).toEqual({
      applied: 0,
      failed: 0,
      temporalUnreachable: true,
    });
    const untouched = (await Message.findOne({ conversation }).lean())!;
    expect([untouched.rulesPending, untouched.rulesAttempts, untouched.rulesError, untouched.rulesRetryAt]).toEqual([
      true,
      undefined,
      undefined,
      undefined,
    ]);

    // Temporal is back: one round of the outbox applies the rules, a second changes nothing.
    expect(await retryPendingRules(testApp.deps, later)).toEqual({ applied: 1, failed: 0, temporalUnreachable: false });
    expect(await retryPendingRules(testApp.deps, later)).toEqual({ applied: 0, failed: 0, temporalUnreachable: false });
    const handle = sequenceOf(org, conversation);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const drafts = await Draft.find({ conversation }).lean();
    expect(drafts.map((d) => d.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect(await Message.findOne({ conversation }).lean()).toMatchObject({ rulesPending: false });
    expect(testApp.sink.list({ to: 'outbox@prospect.test' })).toHaveLength(1);

    // Rules applied again to the same message (a retry that raced the first) reuse its drafts and run.
    const message = (await Message.findOne({ conversation }).lean())!;
    const again = await applyPendingRules(
      { client: testApp.deps.temporal, taskQueue: testApp.deps.taskQueue, messageIdDomain: 'reply.test' },
      message,
    );
    expect(again.sequence).toMatchObject({ started: true });
    expect((await Draft.find({ conversation }).lean()).map((d) => d.status)).toEqual([
      'scheduled',
      'scheduled',
      'scheduled',
    ]);
    await handle.terminate('test over');
  });
});

describe('a message whose rules cannot run does not block the others', () => {
  it("organization A's poisoned message is skipped with its reason and retried later; B's rules run in the same round", async () => {
    const [a, b] = [await testApp.newOrganization('Poisoned'), await testApp.newOrganization('Healthy')];
    // A rule stored before delays were bounded: its plan cannot be made. A's message is the oldest.
    const poisoned = await ruleWithDelay(a, 1e9);
    await ruleWithDelay(b, 3);
    const fromA = await pendingMessage(a, 'a@prospect.test', seconds(-120));
    const fromB = await pendingMessage(b, 'b@prospect.test', seconds(-60));

    const later = seconds(60);
    expect(await retryPendingRules(testApp.deps, later)).toEqual({ applied: 1, failed: 1, temporalUnreachable: false });
    expect((await sequenceOf(b, fromB.conversation).describe()).status.name).toBe('RUNNING');
    expect(await Draft.countDocuments({ conversation: fromB.conversation, status: 'scheduled' })).toBe(1);
    expect(await Message.findById(fromB.message).lean()).toMatchObject({ rulesPending: false });

    const skipped = (await Message.findById(fromA.message).lean())!;
    expect(skipped).toMatchObject({
      rulesPending: true,
      rulesAttempts: 1,
      rulesError: expect.stringMatching(/at most 365 days/),
      rulesRetryAt: seconds(30, later),
    });
    expect(await Draft.countDocuments({ conversation: fromA.conversation })).toBe(0);
    const shown = (
      await request(testApp.app).get(`/v1/conversations/${fromA.conversation}/messages`).set(a.auth).expect(200)
    ).body.messages;
    expect(shown[0].rules_error).toMatch(/at most 365 days/);

    // Backing off: not retried in the next round, retried once its time has come (then twice as late).
    expect(await retryPendingRules(testApp.deps, later)).toEqual({ applied: 0, failed: 0, temporalUnreachable: false });
    const retry = seconds(31, later);
    expect(await retryPendingRules(testApp.deps, retry)).toEqual({ applied: 0, failed: 1, temporalUnreachable: false });
    expect(await Message.findById(fromA.message).lean()).toMatchObject({
      rulesPending: true,
      rulesAttempts: 2,
      rulesRetryAt: seconds(60, retry),
    });

    // The rule is fixed: the next retry applies it and clears the report.
    await Rule.updateOne({ _id: poisoned._id }, { $set: { 'actions.0.send_after.amount': 3 } });
    expect(await retryPendingRules(testApp.deps, seconds(61, retry))).toEqual({
      applied: 1,
      failed: 0,
      temporalUnreachable: false,
    });
    const fixed = (await Message.findById(fromA.message).lean())!;
    expect(fixed).toMatchObject({ rulesPending: false, rulesAttempts: 2 });
    expect(fixed.rulesError).toBeUndefined();
    expect((await sequenceOf(a, fromA.conversation).describe()).status.name).toBe('RUNNING');
    await sequenceOf(a, fromA.conversation).terminate('test over');
    await sequenceOf(b, fromB.conversation).terminate('test over');
  });

  it(`gives up after ${OUTBOX_MAX_ATTEMPTS} failed attempts, with the reason on the message`, async () => {
    const org = await testApp.newOrganization('Hopeless');
    await ruleWithDelay(org, 1e9);
    const { message } = await pendingMessage(org, 'hopeless@prospect.test');
    await Message.updateOne(
      { _id: message },
      { $set: { rulesAttempts: OUTBOX_MAX_ATTEMPTS - 1, rulesRetryAt: seconds(-1) } },
    );
    expect(await retryPendingRules(testApp.deps, seconds(60))).toEqual({
      applied: 0,
      failed: 1,
      temporalUnreachable: false,
    });
    const given = (await Message.findById(message).lean())!;
    expect(given).toMatchObject({
      rulesPending: false,
      rulesAttempts: OUTBOX_MAX_ATTEMPTS,
      rulesError: expect.stringMatching(/^gave up after 12 attempts: .*at most 365 days/),
    });
    expect(given.rulesRetryAt).toBeUndefined();
  });

  it(`takes at most ${OUTBOX_PER_ORGANIZATION} messages of one organization per round, so a backlog does not hold others back`, async () => {
    const [busy, quiet] = [await testApp.newOrganization('Backlog'), await testApp.newOrganization('Quiet')];
    // No rules: applying them only clears the mark, so the count of applied messages is the work done.
    for (let i = 0; i < OUTBOX_PER_ORGANIZATION + 2; i++)
      await pendingMessage(busy, `backlog${i}@prospect.test`, seconds(-600 + i));
    await pendingMessage(quiet, 'quiet@prospect.test', seconds(-60));
    const later = seconds(60);
    expect(await retryPendingRules(testApp.deps, later)).toEqual({
      applied: OUTBOX_PER_ORGANIZATION + 1,
      failed: 0,
      temporalUnreachable: false,
    });
    expect(await Message.countDocuments({ organization: quiet.id, rulesPending: true })).toBe(0);
    expect(await Message.countDocuments({ organization: busy.id, rulesPending: true })).toBe(2);
    expect(await retryPendingRules(testApp.deps, later)).toEqual({ applied: 2, failed: 0, temporalUnreachable: false });
  });
});
