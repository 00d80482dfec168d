import request from 'supertest';
import { Message } from '@follow-ups/db';
import { useTestApp } from '../helpers/testApp';

const draft = (subject: string) => ({
  drafts: {
    subject,
    body: 'Hello',
    from_field: { address: 'alex@seller.test' },
    to_fields: [{ address: 'jane@prospect.test' }],
    send: true,
  },
});

describe('POST /v1/drafts with an Idempotency-Key', () => {
  const testApp = useTestApp();

  it('sends once and answers a retry with the first result', async () => {
    const org = await testApp.newOrganization();
    const first = await request(testApp.app)
      .post('/v1/drafts')
      .set(org.auth)
      .set('Idempotency-Key', 'k-1')
      .send(draft('Quote'))
      .expect(201);
    const retry = await request(testApp.app)
      .post('/v1/drafts')
      .set(org.auth)
      .set('Idempotency-Key', 'k-1')
      .send(draft('Quote'))
      .expect(201);
    expect(retry.body).toEqual(first.body);
    expect(testApp.sink.list({ to: 'jane@prospect.test' }).filter((m) => m.subject === 'Quote')).toHaveLength(1);
    expect(await Message.countDocuments({ organization: org.id })).toBe(1);
  });

  it('refuses the same key with another request, and keys are per organization', async () => {
    const org = await testApp.newOrganization();
    await request(testApp.app)
      .post('/v1/drafts')
      .set(org.auth)
      .set('Idempotency-Key', 'k-2')
      .send(draft('One'))
      .expect(201);
    const reused = await request(testApp.app)
      .post('/v1/drafts')
      .set(org.auth)
      .set('Idempotency-Key', 'k-2')
      .send(draft('Two'))
      .expect(409);
    expect(reused.body.error.code).toBe('conflict');
    const other = await testApp.newOrganization('Other');
    await request(testApp.app)
      .post('/v1/drafts')
      .set(other.auth)
      .set('Idempotency-Key', 'k-2')
      .send(draft('Two'))
      .expect(201);
  });

  it('frees the key when the first attempt fails, so a retry can send', async () => {
    const org = await testApp.newOrganization();
    await fetch(`${testApp.sinkUrl}/sink/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 500, count: 1 }),
    });
    await request(testApp.app)
      .post('/v1/drafts')
      .set(org.auth)
      .set('Idempotency-Key', 'k-3')
      .send(draft('Retry me'))
      .expect(502);
    await request(testApp.app)
      .post('/v1/drafts')
      .set(org.auth)
      .set('Idempotency-Key', 'k-3')
      .send(draft('Retry me'))
      .expect(201);
    expect(testApp.sink.list().filter((m) => m.subject === 'Retry me')).toHaveLength(1);
  });

  it('without a key, two calls are two sends', async () => {
    const org = await testApp.newOrganization();
    await request(testApp.app).post('/v1/drafts').set(org.auth).send(draft('Twice')).expect(201);
    await request(testApp.app).post('/v1/drafts').set(org.auth).send(draft('Twice')).expect(201);
    expect(await Message.countDocuments({ organization: org.id })).toBe(2);
  });
});
