import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { createSendGridMailer, PermanentMailError, TransientMailError, type OutgoingMail } from './index';
import { buildSinkApp, SentMailStore } from '@follow-ups/sendgrid-sink';

/**
 * The SendGrid adapter through the real @sendgrid/mail client, against the SendGrid-compatible
 * sink on an ephemeral port: what reaches the provider, and how its failures are classified.
 */
const followUp: OutgoingMail = {
  from: { address: 'ana@seller.example', name: 'Ana Seller' },
  to: [{ address: 'bob@prospect.example', name: 'Bob Prospect' }],
  cc: [{ address: 'carol@prospect.example' }],
  bcc: [{ address: 'archive@seller.example' }],
  replyTo: { address: 'r+c0ffee@reply.seller.example', name: 'Ana Seller' },
  subject: 'Re: Your quote',
  text: 'Hi Bob, just following up on the quote.',
  html: '<p>Hi Bob, just following up on the quote.</p>',
  messageId: '<fu-1.c0ffee@seller.example>',
  inReplyTo: '<quote.c0ffee@seller.example>',
  references: ['<first.c0ffee@seller.example>', '<quote.c0ffee@seller.example>'],
  customArgs: { draft_id: 'd1', conversation_id: 'c1' },
};

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.on('listening', () => resolve((server.address() as AddressInfo).port)));
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('createSendGridMailer against the SendGrid sink', () => {
  const store = new SentMailStore();
  const app = buildSinkApp(store);
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${await listen(server)}`;
  });
  afterAll(() => close(server));
  beforeEach(async () => {
    await request(app).delete('/sink/messages').expect(204);
    await request(app).delete('/sink/faults').expect(204);
  });

  const mailer = (timeoutMs?: number) => createSendGridMailer({ apiKey: 'SG.test-key', baseUrl, timeoutMs });
  const injectFault = (fault: object) => request(app).post('/sink/faults').send(fault).expect(201);

  it('sends a threaded mail: headers, reply-to, recipients, bodies and custom args reach the provider', async () => {
    const { providerMessageId } = await mailer().send(followUp);

    const sent = store.list()[0]!;
    expect(store.list()).toHaveLength(1);
    expect(providerMessageId).toBe(sent.id);
    expect(sent.headers).toEqual({
      'Message-ID': '<fu-1.c0ffee@seller.example>',
      'In-Reply-To': '<quote.c0ffee@seller.example>',
      References: '<first.c0ffee@seller.example> <quote.c0ffee@seller.example>',
    });
    expect(sent.body.reply_to).toEqual({ email: 'r+c0ffee@reply.seller.example', name: 'Ana Seller' });
    expect(sent.from).toEqual({ email: 'ana@seller.example', name: 'Ana Seller' });
    expect(sent.to).toEqual([{ email: 'bob@prospect.example', name: 'Bob Prospect' }]);
    expect(sent.cc).toEqual([{ email: 'carol@prospect.example' }]);
    expect(sent.bcc).toEqual([{ email: 'archive@seller.example' }]);
    expect(sent.subject).toBe('Re: Your quote');
    expect(sent.text).toBe('Hi Bob, just following up on the quote.');
    expect(sent.html).toBe('<p>Hi Bob, just following up on the quote.</p>');
    expect(sent.body.custom_args).toEqual({ draft_id: 'd1', conversation_id: 'c1' });
    expect(sent.body.personalizations).toHaveLength(1);
  });

  it('sends a first mail without In-Reply-To or References', async () => {
    await mailer().send({ ...followUp, inReplyTo: undefined, references: undefined, html: undefined, cc: [], bcc: [] });

    const sent = store.list()[0]!;
    expect(sent.headers).toEqual({ 'Message-ID': '<fu-1.c0ffee@seller.example>' });
    expect(sent).toMatchObject({ html: null, cc: [], bcc: [] });
  });

  it('turns a 400 into a PermanentMailError with the status and the provider messages', async () => {
    await injectFault({ status: 400 });

    const error = await mailer()
      .send(followUp)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PermanentMailError);
    expect(error).toMatchObject({ status: 400, providerErrors: ['Bad Request'], retryable: false });
    expect(store.list()).toEqual([]);
  });

  it.each([500, 503, 429])('turns a %i into a TransientMailError', async (status) => {
    await injectFault({ status });

    const error = await mailer()
      .send(followUp)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientMailError);
    expect(error).toMatchObject({ status, retryable: true, outcomeUnknown: status !== 429 });
    expect(store.list()).toEqual([]);
  });

  it('succeeds on the retry after a transient failure', async () => {
    await injectFault({ status: 500 });
    const sendgrid = mailer();

    await expect(sendgrid.send(followUp)).rejects.toBeInstanceOf(TransientMailError);
    await expect(sendgrid.send(followUp)).resolves.toEqual({ providerMessageId: expect.any(String) });
    expect(store.list()).toHaveLength(1);
  });

  it('reports a timeout as transient with an unknown outcome: the slow provider may still send it', async () => {
    await injectFault({ delayMs: 500 });

    const error = await mailer(100)
      .send(followUp)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientMailError);
    expect(error).toMatchObject({ status: undefined, outcomeUnknown: true });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(store.list()).toHaveLength(1);
  });

  it('reports a refused connection as transient, known not to have been sent', async () => {
    const down = app.listen(0, '127.0.0.1');
    const port = await listen(down);
    await close(down);

    const error = await createSendGridMailer({ apiKey: 'SG.test-key', baseUrl: `http://127.0.0.1:${port}` })
      .send(followUp)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientMailError);
    expect(error).toMatchObject({ status: undefined, outcomeUnknown: false });
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('refuses an invalid mail before calling the provider', async () => {
    const error = await mailer()
      .send({ ...followUp, messageId: 'no-brackets@seller.example' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PermanentMailError);
    expect(error).toMatchObject({ status: undefined });
    expect(store.list()).toEqual([]);
  });
});
