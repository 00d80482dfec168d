// Who asks is checked before anything is read: an unknown token gets 401 while its 14 MB body is
// still arriving; requests beyond the per-address and per-token rates get 429 with Retry-After.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { ApiToken, Contact } from '@follow-ups/db';
import { buildApp } from '@follow-ups/ingest';
import { useTestApp } from '../helpers/testApp';

const testApp = useTestApp();

/** Listens on loopback; returns the port and a close. */
async function listen(app: http.RequestListener) {
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((r) => server.close(r)) };
}

describe('authentication before work', () => {
  it('answers 401 to an unknown token after the headers and 1 KB of a 14 MB body, without waiting for the rest', async () => {
    const { port, close } = await listen(testApp.app);
    const size = 14 * 1024 * 1024;
    try {
      const answer = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
        let sent = 0;
        const req = http.request({
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/v1/drafts',
          headers: {
            'content-type': 'application/json',
            'content-length': String(size),
            authorization: 'Bearer fu_not-a-token',
          },
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body, sent });
            req.destroy(); // the rest of the body is never sent
          });
        });
        req.on('error', (e) => (sent < size ? undefined : reject(e)));
        req.write(`{"drafts":{"body":"${'x'.repeat(1000)}`);
        sent = 1024; // and then nothing more: the server must answer without the body
      });
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body).error.code).toBe('unauthorized');
      expect(answer.sent).toBeLessThan(size);
    } finally {
      await close();
    }
  });

  it('answers 429 with Retry-After past the per-token rate, and other tokens are not affected', async () => {
    const limited = buildApp({ ...testApp.deps, rateLimits: { token: { perSecond: 0.01, burst: 3 } } });
    const [a, b] = [await testApp.newOrganization(), await testApp.newOrganization()];
    for (let i = 0; i < 3; i++) await request(limited).get('/v1/rules').set(a.auth).expect(200);
    const refused = await request(limited).get('/v1/rules').set(a.auth).expect(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await request(limited).get('/v1/rules').set(b.auth).expect(200);
  });

  it('answers 429 past the per-address rate, before the token is looked up', async () => {
    const limited = buildApp({ ...testApp.deps, rateLimits: { address: { perSecond: 0.01, burst: 2 } } });
    for (let i = 0; i < 2; i++)
      await request(limited).get('/v1/rules').set({ Authorization: 'Bearer fu_unknown' }).expect(401);
    const refused = await request(limited).get('/v1/rules').set({ Authorization: 'Bearer fu_unknown' }).expect(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect((await request(limited).get('/healthz')).status).not.toBe(429); // the health check is not limited
  });

  it("a send token cannot set contacts' time zones through to_fields (403, nothing changes); an admin token can", async () => {
    const org = await testApp.newOrganization();
    const send = { Authorization: `Bearer ${await ApiToken.issueToken(org.id, 'crm', 'send')}` };
    const drafts = {
      subject: 'Your quote',
      body: 'Hello',
      from_field: { address: 'alex@seller.test' },
      to_fields: [{ address: 'tz@prospect.test', time_zone: 'Pacific/Kiritimati' }],
      send: true,
    };
    const refused = await request(testApp.app).post('/v1/drafts').set(send).send({ drafts }).expect(403);
    expect(refused.body.error.message).toContain('time_zone');
    expect(await Contact.countDocuments({ organization: org.id })).toBe(0);
    expect(testApp.sink.list({ to: 'tz@prospect.test' })).toHaveLength(0);
    await request(testApp.app).post('/v1/drafts').set(org.auth).send({ drafts }).expect(201);
    expect((await Contact.findOne({ organization: org.id }).lean())?.timeZone).toBe('Pacific/Kiritimati');
  });
});
