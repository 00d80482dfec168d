// Issue 19 "done when": a mail Alex sends from his own mailbox, with the log address in Bcc, starts the
// sequence; the follow-ups thread under it from Alex; Jane's answer to Alex's own address, redirected
// by his mailbox to the log address, stops it. On the real stack (Temporal, worker, FerretDB, sink).
import request from 'supertest';
import { Message } from '@follow-ups/db';
import { logAddress, sequenceWorkflowId } from '@follow-ups/domain';
import type { followUpSequence } from '@follow-ups/workflows';
import { inboundPayload } from '../helpers/inboundPayload';
import {
  realActivities,
  TEST_REPLY_DOMAIN,
  TEST_REPLY_SECRET,
  TEST_WEBHOOK_SECRET,
  useTestApp,
} from '../helpers/testApp';
import { eventually, newTaskQueue, withTestWorker } from '../helpers/testWorker';

// 1, 3, 7 "days" last 6, 18 and 42 seconds.
const DIVISOR = 14_400;
const TRIGGER = 'Here is the quote you requested';
const ALEX = { address: 'alex@seller.test', name: 'Alex Seller' };
const JANE = { address: 'jane@prospect.test', name: 'Jane Doe' };
const ORIGINAL_ID = '<CAF=quote.7f3a2c@mail.seller.test>';

describe('follow-ups for mail sent from any mailbox, end to end on the real stack', () => {
  const taskQueue = newTaskQueue();
  const testApp = useTestApp({ taskQueue, delayDivisor: DIVISOR });

  it('the Bcc copy starts one sequence, follow-up 1 threads under the original from Alex, the redirected answer stops it', async () => {
    const org = await testApp.newOrganization();
    await request(testApp.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: TRIGGER, senders: [ALEX.address] })
      .expect(201);
    const log = logAddress(org.id, TEST_REPLY_SECRET, TEST_REPLY_DOMAIN);
    const toJane = () => testApp.sink.list().filter((m) => m.to.some((t) => t.email === JANE.address));

    await withTestWorker(
      realActivities(testApp),
      async ({ client }) => {
        // Alex writes from Gmail/Outlook; Inbound Parse posts the Bcc copy: envelope to the log address, To Jane.
        const bcc = inboundPayload({
          from: ALEX,
          to: [JANE],
          subject: 'Your quote',
          text: `Hi Jane,\n\n${TRIGGER}.\n\nBest,\nAlex`,
          html: `<p>Hi Jane,</p><p>${TRIGGER}.</p><p>Best,<br>Alex</p>`,
          messageId: ORIGINAL_ID,
          envelope: { to: [log], from: ALEX.address },
        });
        expect((await bcc.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200)).body).toEqual({
          status: 'accepted',
        });
        // The same copy again (SendGrid retrying, or the mailbox's redirect): one sequence.
        expect((await bcc.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200)).body).toEqual({
          status: 'duplicate',
        });

        const [fu1] = await eventually(() => (toJane().length ? toJane() : undefined), 30_000, 'follow-up 1');
        expect(fu1.from).toMatchObject({ email: ALEX.address });
        expect(fu1.subject).toBe('Re: Your quote');
        expect(fu1.headers['In-Reply-To']).toBe(ORIGINAL_ID);
        expect(fu1.headers.References).toContain(ORIGINAL_ID);
        expect(fu1.replyTo?.email).toMatch(new RegExp(`^reply\\+.+@${TEST_REPLY_DOMAIN.replace(/\./g, '\\.')}$`));
        // Nothing was sent again: the sink has only the follow-up, no copy of the original.
        expect(toJane()).toHaveLength(1);

        const original = await Message.findOne({
          organization: org.id,
          messageId: ORIGINAL_ID,
          origin: 'mailbox',
        }).lean();
        const handle = client.workflow.getHandle<typeof followUpSequence>(
          sequenceWorkflowId(org.id, String(original!.conversation)),
        );

        // Follow-up 1 coming back through Alex's redirect (copy_sender Bccs him) stops nothing.
        const loop = inboundPayload({
          from: ALEX,
          to: [JANE],
          subject: fu1.subject,
          text: fu1.text ?? '',
          messageId: fu1.headers['Message-ID'],
          inReplyTo: ORIGINAL_ID,
          envelope: { to: [log], from: ALEX.address },
        });
        expect((await loop.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200)).body).toEqual({
          status: 'ignored',
        });
        expect(((await handle.query('state')) as { status: string }).status).toBe('active');

        // Jane answers the original, to Alex's own address; his mailbox redirects it to the log address.
        const answer = inboundPayload({
          from: JANE,
          to: [ALEX],
          subject: 'Re: Your quote',
          text: 'Thanks Alex, we will sign this week.',
          inReplyTo: ORIGINAL_ID,
          references: [ORIGINAL_ID],
          envelope: { to: [log], from: JANE.address },
        });
        expect((await answer.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200)).body).toEqual({
          status: 'accepted',
        });
        const ended = await handle.result();
        expect(ended).toMatchObject({ status: 'replied' });
        // Follow-up 2 never goes: Jane got follow-up 1 only.
        expect(toJane()).toHaveLength(1);
        const messages = (
          await request(testApp.app)
            .get(`/v1/conversations/${String(original!.conversation)}/messages`)
            .set(org.auth)
            .expect(200)
        ).body.messages;
        expect(messages.map((m: { origin: string }) => m.origin)).toEqual(['mailbox', 'automation', 'inbound']);
      },
      { taskQueue },
    );
  });
});
