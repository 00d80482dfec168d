import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { User } from '@follow-ups/db';
import { sequenceWorkflowId } from '@follow-ups/domain';
import type { followUpSequence } from '@follow-ups/workflows';
import { HookReceiver } from '../helpers/hookReceiver';
import { inboundPayload } from '../helpers/inboundPayload';
import { realActivities, useTestApp, TEST_WEBHOOK_SECRET } from '../helpers/testApp';
import { eventually, newTaskQueue, withTestWorker } from '../helpers/testWorker';

// The template's example with delays scaled: 1, 3, 7 "days" last 2, 6 and 14 seconds.
const DIVISOR = 43_200;
const TRIGGER = 'Here is the quote you requested';
const SENDER = { address: 'alex@seller.test', name: 'Alex Seller' };
const PROSPECT = { address: 'jane@prospect.test', name: 'Jane Doe' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Issue 7 "done when": the reply reaches the salesperson and the integrations, exactly once. */
describe('replies reach people, end to end on the real stack', () => {
  const taskQueue = newTaskQueue();
  const testApp = useTestApp({ taskQueue, delayDivisor: DIVISOR });
  beforeEach(() => testApp.sink.clear());

  async function organizationWithTemplate() {
    const org = await testApp.newOrganization();
    await request(testApp.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: TRIGGER, senders: [SENDER.address] })
      .expect(201);
    return org;
  }

  async function sendQuote(org: { auth: Record<string, string> }) {
    const sent = await request(testApp.app)
      .post('/v1/drafts')
      .set(org.auth)
      .send({
        drafts: {
          subject: 'Your quote',
          body: `<p>Hi Jane,</p><p>${TRIGGER}.</p>`,
          from_field: SENDER,
          to_fields: [PROSPECT],
          send: true,
        },
      })
      .expect(201);
    return sent.body.drafts.conversation as string;
  }

  const toJane = () => testApp.sink.list().filter((m) => m.to.some((t) => t.email === PROSPECT.address));
  const toAlex = () => testApp.sink.list().filter((m) => m.to.some((t) => t.email === SENDER.address));

  it("day 4: Jane's reply is forwarded to Alex once, threaded, with her attachment, and hooks get every event once", async () => {
    const org = await organizationWithTemplate();
    const receiver = await HookReceiver.start();
    const hooks = await Promise.all(
      (['incoming_email', 'followup_sent', 'sequence_ended'] as const).map(async (type) => {
        const res = await request(testApp.app)
          .post('/v1/hooks')
          .set(org.auth)
          .send({ hooks: { type, url: receiver.url(`/${type}`) } })
          .expect(201);
        return { type, secret: res.body.hooks.secret as string };
      }),
    );
    const signed = randomBytes(40_000);

    await withTestWorker(
      realActivities(testApp),
      async ({ client }) => {
        const conversation = await sendQuote(org);
        const [initial] = toJane();
        const [, fu2] = await eventually(
          () => (toJane().length >= 3 ? toJane().slice(1, 3) : undefined),
          20_000,
          'two follow-ups',
        );

        // The receiver refuses connections and SendGrid answers 503 to the first two forward attempts.
        await receiver.down();
        await fetch(`${testApp.sinkUrl}/sink/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ status: 503, count: 2 }),
        });
        const reply = inboundPayload({
          from: PROSPECT,
          to: [fu2.replyTo!.email],
          subject: 'Re: Your quote',
          text: 'Thanks, we will sign this week. Signed copy attached.',
          html: '<p>Thanks, we will sign this week. Signed copy attached.</p>',
          inReplyTo: fu2.headers['Message-ID'],
          references: [initial.headers['Message-ID'], fu2.headers['Message-ID']],
          attachments: [{ filename: 'quote-signed.pdf', contentType: 'application/pdf', content: signed }],
        });
        // SendGrid delivers the same post three times.
        for (let i = 0; i < 3; i++) await reply.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200);
        expect(
          (await client.workflow.getHandle<typeof followUpSequence>(sequenceWorkflowId(org.id, conversation)).result())
            .status,
        ).toBe('replied');
        await sleep(1_500);
        await receiver.up();

        const [forward] = await eventually(
          () => (toAlex().length ? toAlex() : undefined),
          60_000,
          'the forward to Alex',
        );
        expect(forward.from.email).toBe('notifications@reply.follow-ups.test');
        expect(forward.from.name).toBe('Jane Doe via Follow-ups');
        expect(forward.replyTo).toMatchObject({ email: PROSPECT.address });
        expect(forward.subject).toBe('Re: Your quote');
        expect(forward.headers['In-Reply-To']).toBe(fu2.headers['Message-ID']);
        expect(forward.headers.References).toContain(initial.headers['Message-ID']);
        expect(forward.text).toContain('Thanks, we will sign this week.');
        expect(forward.html).toContain('<p>Thanks, we will sign this week. Signed copy attached.</p>');
        expect(forward.attachments).toEqual([
          expect.objectContaining({ filename: 'quote-signed.pdf', type: 'application/pdf', size: signed.length }),
        ]);
        expect(Buffer.from(forward.attachments[0].content, 'base64').equals(signed)).toBe(true);

        // Every hook event arrives once, signed, after the receiver came back.
        const events = await eventually(
          () => {
            const ok = receiver.received.filter((r) => r.answered < 300);
            return ok.length >= 4 ? ok : undefined;
          },
          30_000,
          'four hook events',
        );
        for (const event of events) {
          const { secret } = hooks.find((h) => event.path === `/${h.type}`)!;
          expect(() => new Webhook(secret).verify(event.body, event.headers as Record<string, string>)).not.toThrow();
        }
        expect(events.map((e) => e.path).sort()).toEqual([
          '/followup_sent',
          '/followup_sent',
          '/incoming_email',
          '/sequence_ended',
        ]);
        expect(new Set(events.map((e) => e.headers['webhook-id'])).size).toBe(4);
        const incoming = JSON.parse(events.find((e) => e.path === '/incoming_email')!.body);
        expect(incoming.data).toMatchObject({
          auto_reply: false,
          message: {
            from_field: { address: PROSPECT.address },
            attachments: [{ filename: 'quote-signed.pdf', size: signed.length }],
          },
        });
        expect(JSON.parse(events.find((e) => e.path === '/sequence_ended')!.body).data).toMatchObject({
          status: 'replied',
          follow_ups_sent: 2,
        });

        // Past follow-up 3's time: Jane got the quote and two follow-ups, Alex one forward.
        await sleep(Math.max(0, Date.parse(initial.receivedAt) + 15_000 - Date.now()));
        expect(toJane()).toHaveLength(3);
        expect(toAlex()).toHaveLength(1);
        const messages = await request(testApp.app)
          .get(`/v1/conversations/${conversation}/messages`)
          .set(org.auth)
          .expect(200);
        expect(messages.body.messages.map((m: { origin: string }) => m.origin)).toEqual([
          'api',
          'automation',
          'automation',
          'inbound',
        ]);
        expect(messages.body.messages[3].forwards).toEqual([
          expect.objectContaining({ to: SENDER.address, status: 'sent' }),
        ]);
      },
      { taskQueue },
    );
    await receiver.down();
  });

  it("a prospect who writes to Alex directly stops the sequence through Alex's auto-forward to the log address; a colleague does not", async () => {
    const org = await organizationWithTemplate();
    await User.create({ organization: org.id, email: 'sam@seller.test', name: 'Sam Colleague' });
    const { log_address: logAddress } = (await request(testApp.app).get('/v1/settings').set(org.auth).expect(200)).body
      .settings;

    await withTestWorker(
      realActivities(testApp),
      async ({ client }) => {
        const conversation = await sendQuote(org);
        const [initial] = toJane();
        await eventually(() => (toJane().length >= 2 ? true : undefined), 20_000, 'follow-up 1');
        const handle = client.workflow.getHandle<typeof followUpSequence>(sequenceWorkflowId(org.id, conversation));

        // A colleague's mail reaching the log address (Bcc), even one in the thread, stops nothing.
        await inboundPayload({
          from: 'sam@seller.test',
          to: [PROSPECT],
          subject: 'Re: Your quote',
          text: 'Jane, I can help with the rollout.',
          inReplyTo: initial.headers['Message-ID'],
          envelope: { to: [logAddress], from: 'sam@seller.test' },
        })
          .post(request(testApp.app), TEST_WEBHOOK_SECRET)
          .expect(200);
        expect((await handle.query('state')) as { status: string }).toMatchObject({ status: 'active' });

        // Jane writes a new mail to Alex; his mailbox redirects it to the log address.
        await inboundPayload({
          from: PROSPECT,
          to: [SENDER],
          subject: 'Question about pricing',
          text: 'Can we talk tomorrow?',
          envelope: { to: [logAddress], from: PROSPECT.address },
        })
          .post(request(testApp.app), TEST_WEBHOOK_SECRET)
          .expect(200, { status: 'accepted' });
        const final = await handle.result();
        expect(final.status).toBe('replied');
        const drafts = await request(testApp.app)
          .get(`/v1/conversations/${conversation}/drafts`)
          .set(org.auth)
          .expect(200);
        expect(drafts.body.drafts.at(-1)).toMatchObject({ status: 'discarded', reason: 'reply received' });
        const messages = await request(testApp.app)
          .get(`/v1/conversations/${conversation}/messages`)
          .set(org.auth)
          .expect(200);
        // Sam's mail to Jane is the organization's own outgoing mail (docs/mail-from-any-mailbox.md); Jane's is the reply.
        expect(messages.body.messages.map((m: { origin: string }) => m.origin)).toEqual([
          'api',
          'automation',
          'mailbox',
          'inbound',
        ]);
        // Alex has Jane's mail already (it came from his mailbox): nothing is forwarded back to him.
        await sleep(2_000);
        expect(toAlex()).toHaveLength(0);
      },
      { taskQueue },
    );
  });

  it('replies go to the team inbox when the organization says so; a permanent refusal is recorded with its reason', async () => {
    const org = await organizationWithTemplate();
    await request(testApp.app)
      .patch('/v1/settings')
      .set(org.auth)
      .send({ settings: { reply_destination: 'address' } })
      .expect(400);
    const { settings } = (
      await request(testApp.app)
        .patch('/v1/settings')
        .set(org.auth)
        .send({
          settings: {
            reply_destination: 'address',
            reply_address: 'sales-inbox@seller.test',
            copy_sender: false,
            unsubscribe_on_sends: true,
          },
        })
        .expect(200)
    ).body;
    expect(settings).toMatchObject({
      reply_destination: 'address',
      reply_address: 'sales-inbox@seller.test',
      copy_sender: false,
      unsubscribe_on_sends: true,
    });

    await withTestWorker(
      realActivities(testApp),
      async () => {
        const conversation = await sendQuote(org);
        const [initial] = toJane();
        expect(initial.bcc).toEqual([]); // copy_sender off
        expect(initial.headers['List-Unsubscribe']).toMatch(
          /^<http:\/\/localhost:3000\/u\/.+>, <mailto:unsubscribe\+.+>$/,
        ); // unsubscribe_on_sends on
        await fetch(`${testApp.sinkUrl}/sink/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ status: 400, count: 1 }),
        });
        await inboundPayload({
          from: PROSPECT,
          to: [initial.replyTo!.email],
          subject: 'Re: Your quote',
          text: 'Not now, thanks.',
        })
          .post(request(testApp.app), TEST_WEBHOOK_SECRET)
          .expect(200, { status: 'accepted' });
        const inbound = await eventually(
          async () => {
            const { messages } = (
              await request(testApp.app).get(`/v1/conversations/${conversation}/messages`).set(org.auth).expect(200)
            ).body;
            const received = messages.find((m: { origin: string }) => m.origin === 'inbound');
            return received?.forwards?.length ? received : undefined;
          },
          30_000,
          'the forward recorded',
        );
        expect(inbound.forwards).toEqual([
          expect.objectContaining({
            to: 'sales-inbox@seller.test',
            status: 'failed',
            reason: expect.stringMatching(/rejected by SendGrid/),
          }),
        ]);
      },
      { taskQueue },
    );
  });
});
