import request from 'supertest';
import { sequenceWorkflowId } from '@follow-ups/domain';
import type { followUpSequence } from '@follow-ups/workflows';
import { useAppWithWorker } from '../helpers/backgroundWorker';

// Follow-up 1 falls due 10 s after the trigger: the import below stops the sequence long before.
const DIVISOR = 8_640;
const TRIGGER = 'Here is the quote you requested';
const SENDER = { address: 'alex@seller.test' };

describe('/v1/suppressions', () => {
  const getApp = useAppWithWorker({ delayDivisor: DIVISOR });
  const api = () => request(getApp().app);
  const send = (auth: Record<string, string>, to: string) =>
    api()
      .post('/v1/drafts')
      .set(auth)
      .send({
        drafts: {
          subject: 'Your quote',
          body: `<p>${TRIGGER}.</p>`,
          from_field: SENDER,
          to_fields: [{ address: to }],
          send: true,
        },
      });

  it('imports a list, which stops the running sequences to those addresses', async () => {
    const org = await getApp().newOrganization();
    await api()
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: TRIGGER, senders: [SENDER.address] })
      .expect(201);
    const conversation = (await send(org.auth, 'lead@prospect.test').expect(201)).body.drafts.conversation;

    const created = await api()
      .post('/v1/suppressions')
      .set(org.auth)
      .send({
        suppressions: [
          { address: 'Lead@Prospect.test', detail: 'asked by phone' },
          { address: 'old@prospect.test', reason: 'bounced' },
        ],
      })
      .expect(201);
    expect(created.body.suppressions).toEqual([
      {
        address: 'lead@prospect.test',
        reason: 'manual',
        source: 'api',
        detail: 'asked by phone',
        created_at: expect.any(Number),
      },
      { address: 'old@prospect.test', reason: 'bounced', source: 'api', detail: null, created_at: expect.any(Number) },
    ]);
    const final = await getApp()
      .deps.temporal.workflow.getHandle<typeof followUpSequence>(sequenceWorkflowId(org.id, conversation))
      .result();
    expect(final.status).toBe('stopped');
    const drafts = (await api().get(`/v1/conversations/${conversation}/drafts`).set(org.auth).expect(200)).body.drafts;
    expect(drafts.map((d: { status: string; reason: string }) => `${d.status} ${d.reason}`)).toEqual(
      Array(3).fill('discarded manual'),
    );

    // Adding again keeps the first reason.
    const again = await api()
      .post('/v1/suppressions')
      .set(org.auth)
      .send({ suppressions: [{ address: 'old@prospect.test', reason: 'spam_report' }] })
      .expect(201);
    expect(again.body.suppressions[0].reason).toBe('bounced');
  });

  it('lists with filters, lifts entries, and keeps organizations apart', async () => {
    const org = await getApp().newOrganization();
    const other = await getApp().newOrganization('Other Co');
    await api()
      .post('/v1/suppressions')
      .set(org.auth)
      .send({ suppressions: [{ address: 'a@prospect.test' }, { address: 'b@prospect.test', reason: 'unsubscribed' }] })
      .expect(201);

    expect(
      (await api().get('/v1/suppressions').set(org.auth).expect(200)).body.suppressions
        .map((s: { address: string }) => s.address)
        .sort(),
    ).toEqual(['a@prospect.test', 'b@prospect.test']);
    expect(
      (await api().get('/v1/suppressions?reason=unsubscribed').set(org.auth).expect(200)).body.suppressions.map(
        (s: { address: string }) => s.address,
      ),
    ).toEqual(['b@prospect.test']);
    expect(
      (await api().get('/v1/suppressions?address=A@prospect.test').set(org.auth).expect(200)).body.suppressions,
    ).toHaveLength(1);
    expect((await api().get('/v1/suppressions').set(other.auth).expect(200)).body.suppressions).toEqual([]);
    await send(other.auth, 'a@prospect.test').expect(201); // not suppressed for the other organization
    await api().delete('/v1/suppressions/a@prospect.test').set(other.auth).expect(404);

    await send(org.auth, 'a@prospect.test').expect(422);
    expect(
      (await api().delete('/v1/suppressions/A@prospect.test').set(org.auth).expect(200)).body.suppressions[0],
    ).toMatchObject({
      address: 'a@prospect.test',
    });
    await api().delete('/v1/suppressions/a@prospect.test').set(org.auth).expect(404);
    await send(org.auth, 'a@prospect.test').expect(201);
  });

  it('rejects bad input with a 400 and stores nothing', async () => {
    const org = await getApp().newOrganization();
    const bad = await api()
      .post('/v1/suppressions')
      .set(org.auth)
      .send({ suppressions: [{ address: 'not an email' }, { address: 'x@prospect.test', reason: 'because' }] })
      .expect(400);
    expect(bad.body.error.code).toBe('validation_error');
    await api().post('/v1/suppressions').set(org.auth).send({ suppressions: [] }).expect(400);
    await api().delete('/v1/suppressions/nope').set(org.auth).expect(400);
    expect((await api().get('/v1/suppressions').set(org.auth).expect(200)).body.suppressions).toEqual([]);
  });
});
