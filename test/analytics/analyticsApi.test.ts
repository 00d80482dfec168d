import request from 'supertest';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { followUpSequence } from '../../workflows/src';
import { realActivities, startTestApp, TEST_WEBHOOK_SECRET, type TestApp } from '../helpers/testApp';
import { eventually, newTaskQueue, withTestWorker } from '../helpers/testWorker';
import { documentCounts } from '../helpers/documentCounts';
import { inboundPayload } from '../helpers/inboundPayload';

// 1, 3, 7 "days" last 2, 6 and 14 seconds.
const DIVISOR = 43_200;
const TRIGGER = 'Here is the quote you requested';
const SENDER = { address: 'alex@seller.test', name: 'Alex Seller' };
const PROSPECT = { address: 'jane@prospect.test', name: 'Jane Doe' };

describe('analytics and dry run, end to end', () => {
  let testApp: TestApp;
  const taskQueue = newTaskQueue();
  beforeAll(async () => {
    testApp = await startTestApp({ taskQueue, delayDivisor: DIVISOR });
  });
  afterAll(() => testApp.close());

  it('counts a follow-up sent and the reply after it on step 1; a repeated webhook counts nothing more', async () => {
    const org = await testApp.newOrganization();
    const template = await request(testApp.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: TRIGGER, senders: [SENDER.address] })
      .expect(201);
    const ruleId: string = template.body.rules.id;

    await withTestWorker(
      realActivities(testApp),
      async ({ client }) => {
        const sent = await request(testApp.app)
          .post('/v1/drafts')
          .set(org.auth)
          .send({
            drafts: {
              subject: 'Your quote',
              body: `<p>${TRIGGER}: 12 seats.</p>`,
              from_field: SENDER,
              to_fields: [PROSPECT],
              send: true,
            },
          })
          .expect(201);
        const initialId = testApp.sink.list()[0].headers['Message-ID'];
        const fu1 = await eventually(() => testApp.sink.list()[1], 20_000, 'follow-up 1');
        const reply = inboundPayload({
          from: PROSPECT,
          to: [fu1.replyTo!.email],
          subject: 'Re: Your quote',
          text: 'Thanks, we will sign this week.',
          inReplyTo: fu1.headers['Message-ID'],
          references: [initialId, fu1.headers['Message-ID']],
        });
        await reply.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200);
        await reply.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200); // SendGrid retries
        const handle = client.workflow.getHandle<typeof followUpSequence>(
          sequenceWorkflowId(org.id, sent.body.drafts.conversation),
        );
        expect((await handle.result()).status).toBe('replied');

        const analytics = await eventually(
          async () => {
            const res = await request(testApp.app).get(`/v1/analytics/rules/${ruleId}`).set(org.auth).expect(200);
            return res.body.analytics.sequences.replied === 1 ? res.body.analytics : undefined;
          },
          20_000,
          'the end counted',
        );
        expect(analytics.rule).toBe(ruleId);
        expect(analytics.sequences).toMatchObject({ started: 1, active: 0, paused: 0, replied: 1, completed: 0 });
        const step = (n: number) => analytics.steps.find((s: { step: number }) => s.step === n);
        expect(step(0)).toMatchObject({ sent: 1, replies: 0 });
        expect(step(1)).toMatchObject({
          scheduled: 1,
          sent: 1,
          discarded: 0,
          replies: 1,
          out_of_office: 0,
          reply_rate: 1,
        });
        expect(step(1).time_to_reply_p50_s).toBe(60); // answered within the first minute
        expect(step(2)).toMatchObject({ scheduled: 1, sent: 0, discarded: 1, replies: 0 });
        expect(step(3)).toMatchObject({ scheduled: 1, sent: 0, discarded: 1 });
        expect(analytics.weeks.at(-1)).toMatchObject({ started: 1, sent: 1, replies: 1 });

        const bySender = await request(testApp.app)
          .get(`/v1/analytics/rules/${ruleId}`)
          .query({ sender: SENDER.address })
          .set(org.auth)
          .expect(200);
        expect(bySender.body.analytics.steps[1]).toMatchObject({ step: 1, sent: 1, replies: 1 });
        const other = await request(testApp.app)
          .get(`/v1/analytics/rules/${ruleId}`)
          .query({ sender: 'someone@else.test' })
          .set(org.auth)
          .expect(200);
        expect(other.body.analytics.sequences.started).toBe(0);
        const all = await request(testApp.app).get('/v1/analytics/rules').set(org.auth).expect(200);
        expect(all.body.analytics.map((a: { rule: string }) => a.rule)).toEqual([ruleId]);
      },
      { taskQueue },
    );
  });

  it('answers 404 for an unknown rule or another organization’s, 400 naming the field for a bad range', async () => {
    const org = await testApp.newOrganization();
    const other = await testApp.newOrganization('Other Co');
    const theirs = await request(testApp.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(other.auth)
      .send({ trigger_phrase: TRIGGER, senders: [SENDER.address] })
      .expect(201);
    const unknown = '0123456789abcdef01234567';
    const missing = await request(testApp.app).get(`/v1/analytics/rules/${unknown}`).set(org.auth).expect(404);
    expect(missing.body.error.message).toContain(unknown);
    await request(testApp.app).get(`/v1/analytics/rules/${theirs.body.rules.id}`).set(org.auth).expect(404);
    const backwards = await request(testApp.app)
      .get(`/v1/analytics/rules/${unknown}`)
      .query({ from: 1_800_000_000, until: 1_700_000_000 })
      .set(org.auth)
      .expect(400);
    expect(backwards.body.error.issues[0].path).toBe('query.from');
    const long = await request(testApp.app)
      .get('/v1/analytics/rules')
      .query({ from: 1_700_000_000, until: 1_700_000_000 + 401 * 86_400 })
      .set(org.auth)
      .expect(400);
    expect(long.body.error.message).toMatch(/400 days/);
  });

  it('dry run: names the matching rule with its three follow-ups and the other with its failed condition; changes nothing', async () => {
    const org = await testApp.newOrganization();
    const quote = await request(testApp.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: TRIGGER, senders: [SENDER.address] })
      .expect(201);
    const demo = await request(testApp.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: 'Thanks for the demo', senders: [SENDER.address], description: 'Demo follow-ups' })
      .expect(201);
    const body = {
      drafts: {
        subject: 'Your quote',
        body: `<p>Hi Jane, ${TRIGGER}.</p>`,
        from_field: SENDER,
        to_fields: [PROSPECT],
        send: true,
      },
    };

    const before = await documentCounts();
    const sinkBefore = testApp.sink.list().length;
    const res = await request(testApp.app).post('/v1/rules/dry_run').set(org.auth).send(body).expect(200);
    expect(await documentCounts()).toEqual(before);
    expect(testApp.sink.list()).toHaveLength(sinkBefore);

    const { matched, not_matched } = res.body.dry_run;
    expect(matched).toHaveLength(1);
    expect(matched[0].rule).toBe(quote.body.rules.id);
    expect(matched[0].followups.map((f: { step: number }) => f.step)).toEqual([1, 2, 3]);
    for (const f of matched[0].followups) {
      expect(f.to).toEqual([{ address: PROSPECT.address, name: PROSPECT.name }]);
      expect(f.from.address).toBe(SENDER.address);
      expect(f.body).toMatch(/Jane/); // rendered with the recipient's data
      expect(f.send_at).toBeGreaterThanOrEqual(f.nominal_send_at);
    }
    expect(not_matched).toEqual([
      {
        rule: demo.body.rules.id,
        description: expect.any(String),
        failed: 'Body without quote contains "Thanks for the demo"',
      },
    ]);

    // The same validation as POST /v1/drafts.
    const bad = await request(testApp.app)
      .post('/v1/rules/dry_run')
      .set(org.auth)
      .send({ drafts: { ...body.drafts, body: '<p> </p>' } })
      .expect(400);
    expect(bad.body.error.issues[0].path).toBe('body.drafts.body');
    await request(testApp.app)
      .post('/v1/rules/dry_run')
      .set(org.auth)
      .send({ drafts: { ...body.drafts, team: '0123456789abcdef01234567' } })
      .expect(404);
  });
});
