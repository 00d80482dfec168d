import request from 'supertest';
import { buildSinkApp } from './app';

const mailTo = (to: string, cc: string[] = []) => ({
  from: { email: 'ana@seller.example' },
  subject: `for ${to}`,
  personalizations: [{ to: [{ email: to }], ...(cc.length ? { cc: cc.map((email) => ({ email })) } : {}) }],
  content: [{ type: 'text/plain', value: 'hello' }],
});

describe('sink inspection and fault injection', () => {
  const app = buildSinkApp();
  const send = (body: object) => request(app).post('/v3/mail/send').set('Authorization', 'Bearer SG.test').send(body);

  beforeEach(async () => {
    await request(app).delete('/sink/messages').expect(204);
    await request(app).delete('/sink/faults').expect(204);
  });

  it('lists mails newest last, filters by any recipient, fetches one, and clears', async () => {
    const first = await send(mailTo('bob@prospect.example')).expect(202);
    await send(mailTo('dan@other.example', ['BOB@prospect.example'])).expect(202);
    await send(mailTo('eve@other.example')).expect(202);

    const all = await request(app).get('/sink/messages').expect(200);
    expect(all.body.map((m: { subject: string }) => m.subject)).toEqual([
      'for bob@prospect.example',
      'for dan@other.example',
      'for eve@other.example',
    ]);

    const bob = await request(app).get('/sink/messages').query({ to: 'Bob@Prospect.example' }).expect(200);
    expect(bob.body.map((m: { subject: string }) => m.subject)).toEqual([
      'for bob@prospect.example',
      'for dan@other.example',
    ]);

    const one = await request(app).get(`/sink/messages/${first.headers['x-message-id']}`).expect(200);
    expect(one.body).toMatchObject({ id: first.headers['x-message-id'], text: 'hello', html: null });
    await request(app).get('/sink/messages/nope').expect(404);

    await request(app).delete('/sink/messages').expect(204);
    expect((await request(app).get('/sink/messages')).body).toEqual([]);
  });

  it('fails the next N sends with the injected status, then recovers', async () => {
    await request(app).post('/sink/faults').send({ status: 500, count: 2 }).expect(201);

    const failed = await send(mailTo('bob@prospect.example'));
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ errors: [{ message: 'Internal Server Error', field: null, help: null }] });
    await send(mailTo('bob@prospect.example')).expect(500);
    await send(mailTo('bob@prospect.example')).expect(202);

    expect((await request(app).get('/sink/messages')).body).toHaveLength(1);
  });

  it('applies queued faults in order: a 429, then a 400', async () => {
    await request(app).post('/sink/faults').send({ status: 429 }).expect(201);
    const queued = await request(app).post('/sink/faults').send({ status: 400 }).expect(201);
    expect(queued.body.pending).toEqual([
      { status: 429, remaining: 1 },
      { status: 400, remaining: 1 },
    ]);

    await send(mailTo('bob@prospect.example')).expect(429);
    await send(mailTo('bob@prospect.example')).expect(400);
    await send(mailTo('bob@prospect.example')).expect(202);
  });

  it('delays the next send, and still records it', async () => {
    await request(app).post('/sink/faults').send({ delayMs: 300 }).expect(201);

    const started = Date.now();
    await send(mailTo('bob@prospect.example')).expect(202);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    const fast = Date.now();
    await send(mailTo('bob@prospect.example')).expect(202);
    expect(Date.now() - fast).toBeLessThan(250);
    expect((await request(app).get('/sink/messages')).body).toHaveLength(2);
  });

  it.each([[{}], [{ status: 200 }], [{ status: 500, count: 0 }], [{ delayMs: -1 }]])(
    'rejects an invalid fault %j with 400',
    async (fault) => {
      await request(app).post('/sink/faults').send(fault).expect(400);
      expect((await request(app).get('/sink/faults')).body).toEqual({ pending: [] });
    },
  );
});
