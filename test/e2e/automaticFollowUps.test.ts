import request from 'supertest';
import { followUpSequence } from '../../workflows/src';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { realActivities, startTestApp, TEST_REPLY_DOMAIN, TEST_WEBHOOK_SECRET, type TestApp } from '../helpers/testApp';
import { eventually, newTaskQueue, withTestWorker } from '../helpers/testWorker';
import { inboundPayload } from '../helpers/inboundPayload';

// The template's own example with delays scaled: 1, 3, 7 "days" last 2, 6 and 14 seconds.
const DIVISOR = 43_200;
const TRIGGER = 'Here is the quote you requested';
const SENDER = { address: 'alex@seller.test', name: 'Alex Seller' };
const PROSPECT = { address: 'jane@prospect.test', name: 'Jane Doe' };

describe('automatic follow-ups, end to end on the real stack', () => {
  let testApp: TestApp;
  const taskQueue = newTaskQueue();

  beforeAll(async () => {
    testApp = await startTestApp({ taskQueue, delayDivisor: DIVISOR });
  });
  afterAll(() => testApp.close());

  it('sends follow-ups 1 and 2 threaded, stops on the reply, never sends 3', async () => {
    const org = await testApp.newOrganization();
    const template = await request(testApp.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: TRIGGER, senders: [SENDER.address], label: { name: 'Follow-up in progress' } })
      .expect(201);
    const labelId = template.body.shared_labels[0].id;

    await withTestWorker(realActivities(testApp), async ({ client }) => {
      const sent = await request(testApp.app)
        .post('/v1/drafts')
        .set(org.auth)
        .send({ drafts: { subject: 'Your quote', body: `<p>Hi Jane,</p><p>${TRIGGER}: 12 seats, $4,800/yr.</p>`, from_field: SENDER, to_fields: [PROSPECT], send: true } })
        .expect(201);
      const conversation = sent.body.drafts.conversation;
      const initial = testApp.sink.list()[0];
      expect(initial.subject).toBe('Your quote');
      const initialId = initial.headers['Message-ID'];
      const sentAt = Date.parse(initial.receivedAt);

      // Follow-ups 1 and 2 arrive at their times, threaded under the initial email.
      const [fu1, fu2] = await eventually(() => (testApp.sink.list().length >= 3 ? testApp.sink.list().slice(1, 3) : undefined), 20_000, 'two follow-ups');
      expect(Date.parse(fu1.receivedAt) - sentAt).toBeGreaterThanOrEqual(1_900);
      expect(Date.parse(fu2.receivedAt) - sentAt).toBeGreaterThanOrEqual(5_900);
      for (const fu of [fu1, fu2]) {
        expect(fu.subject).toBe('Re: Your quote');
        expect(fu.from).toMatchObject({ email: SENDER.address });
        expect(fu.to.map((t) => t.email)).toEqual([PROSPECT.address]);
        expect(fu.headers.References).toContain(initialId);
        expect(fu.replyTo?.email).toMatch(new RegExp(`^reply\\+[^@]+@${TEST_REPLY_DOMAIN.replace(/\./g, '\\.')}$`));
        expect(fu.text).toMatch(/Jane/);
      }
      expect(fu1.headers['In-Reply-To']).toBe(initialId);
      expect(fu2.headers['In-Reply-To']).toBe(fu1.headers['Message-ID']);

      // The prospect answers follow-up 2 (day 4 in the template's example).
      await inboundPayload({ from: PROSPECT, to: [fu2.replyTo!.email], subject: 'Re: Your quote', text: 'Thanks, we will sign this week.', inReplyTo: fu2.headers['Message-ID'], references: [initialId, fu2.headers['Message-ID']] })
        .post(request(testApp.app), TEST_WEBHOOK_SECRET)
        .expect(200);

      const handle = client.workflow.getHandle<typeof followUpSequence>(sequenceWorkflowId(org.id, conversation));
      const final = await handle.result();
      expect(final.status).toBe('replied');

      // Past follow-up 3's time, nothing more went to Jane (Alex got her reply, forwarded).
      await new Promise((r) => setTimeout(r, Math.max(0, sentAt + 15_000 - Date.now())));
      expect(testApp.sink.list({ to: PROSPECT.address })).toHaveLength(3);

      const drafts = await request(testApp.app).get(`/v1/conversations/${conversation}/drafts`).set(org.auth).expect(200);
      expect(drafts.body.drafts.map((d: { status: string }) => d.status)).toEqual(['sent', 'sent', 'discarded']);
      expect(drafts.body.drafts[2].reason).toMatch(/reply/);
      const conv = await request(testApp.app).get(`/v1/conversations/${conversation}`).set(org.auth).expect(200);
      expect(conv.body.conversations[0].shared_labels.map((l: { id: string }) => l.id)).toContain(labelId);
      expect(conv.body.conversations[0].sequence).toMatchObject({ status: 'replied' });
      const messages = await request(testApp.app).get(`/v1/conversations/${conversation}/messages`).set(org.auth).expect(200);
      expect(messages.body.messages.map((m: { origin: string }) => m.origin)).toEqual(['api', 'automation', 'automation', 'inbound']);
    }, { taskQueue });
  });
});
