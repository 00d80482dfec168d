import { generateKeyPairSync, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { buildSinkApp } from './app';
import { EventWebhookEmitter, parsePrivateKey, type SinkEvent } from './eventWebhook';
import { FaultQueue } from './faults';
import { SentMailStore } from './store';

type Received = { events: SinkEvent[]; signatureValid: boolean };

/** A receiver that answers each post with the next status of `statuses` (then 200) and checks its signature. */
async function receiver(publicKey: ReturnType<typeof generateKeyPairSync>['publicKey'], statuses: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-twilio-email-event-webhook-timestamp']);
      const signature = Buffer.from(String(req.headers['x-twilio-email-event-webhook-signature']), 'base64');
      const status = statuses.shift() ?? 200;
      if (status < 300)
        received.push({
          events: JSON.parse(body),
          signatureValid: verify('sha256', Buffer.from(timestamp + body), publicKey, signature),
        });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    close: () => new Promise((r) => server.close(r)),
  };
}

const mail = {
  from: { email: 'ana@seller.example' },
  subject: 'Following up',
  personalizations: [{ to: [{ email: 'bob@prospect.example' }], bcc: [{ email: 'ana@seller.example' }] }],
  content: [{ type: 'text/plain', value: 'Hi Bob.' }],
  headers: { 'Message-ID': '<f1@seller.example>' },
  custom_args: { draft_id: '0123456789abcdef01234567', conversation_id: 'fedcba9876543210fedcba98' },
};

async function until<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the sink as SendGrid Event Webhook', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const emitters: EventWebhookEmitter[] = [];
  afterAll(() => emitters.forEach((e) => e.close()));

  it('posts processed then delivered for every recipient, signed, with custom args and the X-Message-Id', async () => {
    const hook = await receiver(publicKey);
    const events = new EventWebhookEmitter();
    emitters.push(events);
    events.configure({ url: hook.url, privateKey, batchMs: 50, deliveredAfterMs: 50 });
    const store = new SentMailStore();
    const res = await request(buildSinkApp(store, new FaultQueue(), events))
      .post('/v3/mail/send')
      .set('Authorization', 'Bearer SG.test')
      .send(mail);
    expect(res.status).toBe(202);

    const all = await until(() => {
      const list = hook.received.flatMap((r) => r.events);
      return list.length >= 4 ? list : undefined;
    });
    expect(hook.received.every((r) => r.signatureValid)).toBe(true);
    expect(all.map((e) => `${e.event} ${e.email}`).sort()).toEqual([
      'delivered ana@seller.example',
      'delivered bob@prospect.example',
      'processed ana@seller.example',
      'processed bob@prospect.example',
    ]);
    for (const e of all) {
      expect(e).toMatchObject({
        draft_id: mail.custom_args.draft_id,
        conversation_id: mail.custom_args.conversation_id,
        'smtp-id': '<f1@seller.example>',
      });
      expect(e.sg_message_id.split('.')[0]).toBe(res.headers['x-message-id']);
      expect(Number.isInteger(e.timestamp)).toBe(true);
    }
    expect(new Set(all.map((e) => e.sg_event_id)).size).toBe(4);
    await hook.close();
  });

  it('retries a batch the receiver did not take, until it answers 2xx', async () => {
    const hook = await receiver(publicKey, [500, 503]);
    const events = new EventWebhookEmitter();
    emitters.push(events);
    events.configure({
      url: hook.url,
      privateKey: parsePrivateKey(privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')),
      batchMs: 20,
      deliveredAfterMs: 60_000,
      retryMs: 50,
    });
    await request(buildSinkApp(new SentMailStore(), new FaultQueue(), events))
      .post('/v3/mail/send')
      .set('Authorization', 'Bearer SG.test')
      .send(mail);

    // The receiver records a batch before it answers; the emitter counts it once the answer is in.
    const first = await until(() => (events.posted > 0 ? hook.received[0] : undefined));
    expect(first.events.map((e) => e.event)).toEqual(['processed', 'processed']);
    expect(events.retried).toBe(2);
    expect(events.posted).toBe(1);
    await hook.close();
  });
});
