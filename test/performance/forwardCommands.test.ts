import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import request from 'supertest';
import { forwardWorkflowId, sequenceWorkflowId } from '@follow-ups/domain';
import type { forwardReply } from '../../workflows/src';
import { commandsOf } from '../helpers/commandProfile';
import { HookReceiver } from '../helpers/hookReceiver';
import { inboundPayload } from '../helpers/inboundPayload';
import { realActivities, TEST_WEBHOOK_SECRET, useTestApp } from '../helpers/testApp';
import { eventually, newTaskQueue, withTestWorker } from '../helpers/testWorker';
import { addQuoteRule, SENDER, sendQuote } from './quoteTrigger';

/** What the worker's side of a reply may cost (issue 23: the reply ≤ 8; it was 11 in two activities). */
const MOST_COMMANDS = 6;

/**
 * The MongoDB commands of the worker's side of one reply (issue 23): the `forwardReply` workflow
 * forwarding a reply to the salesperson and announcing it (`incoming_email`). The reply is posted
 * while no worker runs and its sequence is then terminated, so the window, from the webhook's 200
 * until the forward is in the sink and `forwardReply` closed, holds only the forward's commands.
 */
describe('commands per forwarded reply', () => {
  const taskQueue = newTaskQueue();
  const testApp = useTestApp({ taskQueue });

  async function reply(org: { auth: { Authorization: string } }, prospect: string, text: string) {
    const sent = await sendQuote(testApp, org, { address: prospect }).expect(201);
    const initial = testApp.sink.list({ to: prospect })[0]!;
    const mail = inboundPayload({
      from: { address: prospect, name: 'Jane Doe' },
      to: [initial.replyTo!.email],
      subject: 'Re: Your quote',
      text,
      inReplyTo: initial.headers['Message-ID'],
    });
    await mail.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' });
    return { conversation: sent.body.drafts.conversation as string, messageId: mail.messageId! };
  }

  const forwardsOf = (text: string) =>
    testApp.sink.list({ to: SENDER.address }).filter((m) => m.text?.includes(text) && m.subject === 'Re: Your quote');

  /** An organization with the template, its first reply forwarded (what a running worker holds is warm). */
  async function warmOrganization(hook?: string) {
    const org = await testApp.newOrganization();
    await addQuoteRule(testApp, org);
    if (hook)
      await request(testApp.app)
        .post('/v1/hooks')
        .set(org.auth)
        .send({ hooks: { type: 'incoming_email', url: hook } })
        .expect(201);
    await withTestWorker(
      realActivities(testApp),
      async ({ client }) => {
        const warm = await reply(org, `first.${randomUUID()}@prospect.test`, 'First reply, warming up.');
        await client.workflow.getHandle(forwardWorkflowId(org.id, warm.messageId)).result();
      },
      { taskQueue },
    );
    return org;
  }

  /**
   * A reply posted while no worker runs, its sequence then ended (it learned of the reply before the
   * 200): the commands from there until the forward is in the sink, `forwardReply` closed and `done` true.
   */
  async function countForward(
    org: { id: string; auth: { Authorization: string } },
    text: string,
    { done = (): boolean => true, forwarded = true } = {},
  ) {
    const measured = await reply(org, `jane.${randomUUID()}@prospect.test`, text);
    await testApp.deps.temporal.workflow
      .getHandle(sequenceWorkflowId(org.id, measured.conversation))
      .terminate('counting the forward alone');
    const counted = await commandsOf(() =>
      withTestWorker(
        realActivities(testApp),
        async ({ client }) => {
          const handle = client.workflow.getHandle<typeof forwardReply>(forwardWorkflowId(org.id, measured.messageId));
          const results = await handle.result();
          expect(results).toEqual(forwarded ? [{ to: SENDER.address, status: 'sent', reason: null }] : []);
          if (forwarded) await eventually(() => forwardsOf(text)[0] && done(), 20_000, 'the forward in the sink');
          // Re-records test/workflows/histories/forward-reply-one-activity.json (replayed by replay.test.ts).
          if (process.env.RECORD_FORWARD_HISTORY)
            writeFileSync(process.env.RECORD_FORWARD_HISTORY, JSON.stringify(await handle.fetchHistory()));
        },
        { taskQueue },
      ),
    );
    const { total, by } = counted;
    console.log([`forward: ${total} commands`, ...Object.entries(by).map(([key, n]) => `  ${key}: ${n}×`)].join('\n'));
    expect(forwardsOf(text)).toHaveLength(forwarded ? 1 : 0);
    if (forwarded) expect(forwardsOf(text)[0]!.replyTo).toMatchObject({ email: expect.stringMatching(/^jane\./) });
    return counted;
  }

  it(`forwards a reply to the salesperson once in at most ${MOST_COMMANDS} commands`, async () => {
    const org = await warmOrganization();
    const { total } = await countForward(org, 'Thanks, we will sign this week.');
    expect(total).toBeLessThanOrEqual(MOST_COMMANDS);
  });

  it('reads the incoming_email hooks at most once when one is subscribed (cached by hooksVersion, handed to emitEvent)', async () => {
    const receiver = await HookReceiver.start();
    try {
      const org = await warmOrganization(receiver.url('/incoming'));
      const before = receiver.accepted('/incoming').length;
      const { by } = await countForward(org, 'Signed, see you Monday.', {
        done: () => receiver.accepted('/incoming').length > before,
      });
      // The announce's own hook read, none when the warm-up's is still valid; the delivery reads its hook by _id.
      expect(by['find hooks {organization,type}'] ?? 0).toBeLessThanOrEqual(1);
      expect(by['find drafts {organization,conversation,kind}']).toBe(1);
      expect(receiver.accepted('/incoming')).toHaveLength(before + 1);
    } finally {
      await receiver.down();
    }
  });

  it('reads neither the salesperson, the attachments nor (cached) the hooks when the organization forwards to nobody', async () => {
    const org = await warmOrganization();
    await request(testApp.app)
      .patch('/v1/settings')
      .set(org.auth)
      .send({ settings: { reply_destination: 'none' } })
      .expect(200);
    const { total, by } = await countForward(org, 'Only the integrations hear of this.', { forwarded: false });
    expect(by).toEqual({
      'find messages {organization,messageId,direction}': 1,
      'find organizations {_id}': 1,
      'find conversations {_id}': 1,
    });
    expect(total).toBe(3); // the hooks come from the cache the warm-up's read filled
  });
});
