import request from 'supertest';
import { Draft } from '@follow-ups/db';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { followUpSequence } from '../../workflows/src';
import { commandsOf } from '../helpers/commandProfile';
import { inboundPayload } from '../helpers/inboundPayload';
import { realActivities, TEST_WEBHOOK_SECRET, useTestApp } from '../helpers/testApp';
import { newTaskQueue, withTestWorker } from '../helpers/testWorker';
import { addQuoteRule, sendQuote } from './quoteTrigger';

/**
 * What a reply may cost (13 with the analytics counter lock, 11 with the recent-replies rewrite, 10 with a
 * read of its sequence's counting row; issue 23: ≤ 8), counted on the default connection while the webhook runs.
 */
const MOST_COMMANDS = 9;

/**
 * The MongoDB commands of one accepted reply (issue 23): a sequence with its 3 follow-ups scheduled
 * (days away), answered through the Inbound Parse webhook. No worker runs while the reply is
 * counted, so only the webhook's own commands are: the sequence learns of the reply afterwards.
 */
describe('commands per reply', () => {
  const taskQueue = newTaskQueue();
  const testApp = useTestApp({ taskQueue });

  async function startSequence(org: { auth: { Authorization: string } }, prospect: string) {
    const sent = await sendQuote(testApp, org, { address: prospect }).expect(201);
    const conversation: string = sent.body.drafts.conversation;
    const initial = testApp.sink.list({ to: prospect })[0]!;
    const drafts = await Draft.find({ conversation, kind: 'followup' }, { status: 1 }).lean();
    expect(drafts.map((d) => d.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    const reply = inboundPayload({
      from: { address: prospect },
      to: [initial.replyTo!.email],
      subject: 'Re: Your quote',
      text: 'Thanks, we will sign this week.',
      inReplyTo: initial.headers['Message-ID'],
    });
    return { conversation, drafts, reply };
  }

  it(`discards the 3 scheduled follow-ups in at most ${MOST_COMMANDS} commands; the sequence ends replied`, async () => {
    const org = await testApp.newOrganization();
    const ruleId = await addQuoteRule(testApp, org);
    // A first reply of the organization warms what a running ingest holds (caches, counter documents).
    const warm = await startSequence(org, 'first@prospect.test');
    await warm.reply.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' });
    const measured = await startSequence(org, 'jane@prospect.test');

    const { total, by } = await commandsOf(() =>
      measured.reply.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' }),
    );
    console.log([`reply: ${total} commands`, ...Object.entries(by).map(([key, n]) => `  ${key}: ${n}×`)].join('\n'));

    const after = await Draft.find(
      { _id: { $in: measured.drafts.map((d) => d._id) } },
      { status: 1, reason: 1 },
    ).lean();
    expect(after.map((d) => `${d.status}:${d.reason}`)).toEqual(Array(3).fill('discarded:reply received'));
    expect(total).toBeLessThanOrEqual(MOST_COMMANDS);
    await withTestWorker(
      realActivities(testApp),
      async ({ client }) => {
        for (const { conversation } of [warm, measured]) {
          const handle = client.workflow.getHandle<typeof followUpSequence>(sequenceWorkflowId(org.id, conversation));
          const final = await handle.result();
          expect(final.status).toBe('replied');
          expect(final.steps.map((s) => s.status)).toEqual(['discarded', 'discarded', 'discarded']);
        }
      },
      { taskQueue },
    );
    // Counted exactly: both replies on step 0 (no follow-up had gone out), every discard on its step.
    const analytics = await request(testApp.app).get(`/v1/analytics/rules/${ruleId}`).set(org.auth).expect(200);
    const steps = analytics.body.analytics.steps as {
      step: number;
      sent: number;
      replies: number;
      discarded: number;
    }[];
    expect(steps.map((s) => [s.step, s.sent, s.replies, s.discarded])).toEqual([
      [0, 2, 2, 0],
      [1, 0, 0, 2],
      [2, 0, 0, 2],
      [3, 0, 0, 2],
    ]);
  });
});
