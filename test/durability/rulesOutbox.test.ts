import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { applyPendingRules } from '@follow-ups/automation';
import { Draft, Message } from '@follow-ups/db';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { freePort } from '../../deploy/local/ports';
import { buildApp } from '../../services/ingest/src/buildApp';
import { retryPendingRules } from '../../services/ingest/src/drafts/retryPendingRules';
import { startTestApp, type TestApp } from '../helpers/testApp';

const TRIGGER = 'Here is the quote you requested';

describe('outgoing rules when Temporal is unreachable at send time', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('answers 201 (the mail is sent once) and the outbox starts the sequence later, once', async () => {
    const org = await testApp.newOrganization();
    await request(testApp.app).post('/v1/rules/templates/automatic-follow-ups').set(org.auth).send({ trigger_phrase: TRIGGER, senders: ['alex@seller.test'] }).expect(201);

    const unreachable = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: 300 }) });
    const offline = buildApp({ ...testApp.deps, temporal: unreachable });
    const sent = await request(offline)
      .post('/v1/drafts')
      .set(org.auth)
      .send({ drafts: { subject: 'Quote', body: `${TRIGGER}.`, from_field: { address: 'alex@seller.test' }, to_fields: [{ address: 'outbox@prospect.test' }], send: true } })
      .expect(201);
    const conversation = sent.body.drafts.conversation;
    expect(testApp.sink.list({ to: 'outbox@prospect.test' })).toHaveLength(1);
    expect(await Message.findOne({ conversation }).lean()).toMatchObject({ rulesPending: true });

    // Temporal is back: one round of the outbox applies the rules, a second changes nothing.
    const later = new Date(Date.now() + 60_000);
    expect(await retryPendingRules(testApp.deps, later)).toBe(1);
    expect(await retryPendingRules(testApp.deps, later)).toBe(0);
    const handle = testApp.deps.temporal.workflow.getHandle(sequenceWorkflowId(org.id, conversation));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const drafts = await Draft.find({ conversation }).lean();
    expect(drafts.map((d) => d.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect(await Message.findOne({ conversation }).lean()).toMatchObject({ rulesPending: false });
    expect(testApp.sink.list({ to: 'outbox@prospect.test' })).toHaveLength(1);

    // Rules applied again to the same message (a retry that raced the first) reuse its drafts and run.
    const message = (await Message.findOne({ conversation }).lean())!;
    const again = await applyPendingRules({ client: testApp.deps.temporal, taskQueue: testApp.deps.taskQueue, messageIdDomain: 'reply.test' }, message);
    expect(again.sequence).toMatchObject({ started: true });
    expect((await Draft.find({ conversation }).lean()).map((d) => d.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    await handle.terminate('test over');
  });
});
