// An out-of-office reply pauses a sequence that has no sending window, end to end: the rules engine
// gives every sequence the default policy, the webhook passes the auto-reply on through the reply
// outbox, the real activity reads the recipient's zone, and the follow-ups wait for the return.
import request from 'supertest';
import { DateTime } from 'luxon';
import { Message, ReplyOutbox } from '@follow-ups/db';
import {
  DEFAULT_OUT_OF_OFFICE,
  outOfOfficeResumeWithoutWindow,
  planClock,
  sequenceWorkflowId,
} from '@follow-ups/domain';
import { stateQuery } from '@follow-ups/workflows';
import { realActivities, startTestApp, TEST_WEBHOOK_SECRET, type TestApp } from '../helpers/testApp';
import { eventually, newTaskQueue, withTestWorker } from '../helpers/testWorker';
import { inboundPayload } from '../helpers/inboundPayload';

const DIVISOR = 43_200; // a day of the plan lasts 2 s: follow-ups 1, 3, 7 days after the trigger at 2, 6, 14 s
const TRIGGER = 'Here is the quote you requested';
const SENDER = { address: 'alex@seller.test', name: 'Alex Seller' };
const ZONE = 'Asia/Tokyo';
const PROSPECT = { address: 'ken@prospect.test', name: 'Ken Sato' };

let testApp: TestApp;
const taskQueue = newTaskQueue();
beforeAll(async () => {
  testApp = await startTestApp({ taskQueue, delayDivisor: DIVISOR });
});
afterAll(() => testApp.close());

/** A template rule (with `sending` when given) and the trigger mail to `to`: the conversation and the first mail in the sink. */
async function triggerSequence(name: string, to: object, sending?: object) {
  const org = await testApp.newOrganization(name);
  await request(testApp.app)
    .post('/v1/rules/templates/automatic-follow-ups')
    .set(org.auth)
    .send({ trigger_phrase: TRIGGER, senders: [SENDER.address], ...(sending ? { sending } : {}) })
    .expect(201);
  const sent = await request(testApp.app)
    .post('/v1/drafts')
    .set(org.auth)
    .send({
      drafts: { subject: 'Your quote', body: `<p>${TRIGGER}.</p>`, from_field: SENDER, to_fields: [to], send: true },
    })
    .expect(201);
  const conversation: string = sent.body.drafts.conversation;
  return {
    org,
    conversation,
    workflowId: sequenceWorkflowId(org.id, conversation),
    initial: testApp.sink.list({ to: PROSPECT.address }).at(-1)!,
  };
}

it('"out of the office until <tomorrow>" holds follow-up 1 until the day after, read in the recipient zone; a real reply then stops the rest', async () => {
  await withTestWorker(
    realActivities(testApp),
    async ({ client }) => {
      const { org, conversation, workflowId, initial } = await triggerSequence('Out of office', {
        ...PROSPECT,
        time_zone: ZONE,
      });
      const handle = client.workflow.getHandle(workflowId);

      const back = DateTime.now().setZone(ZONE).plus({ days: 1 });
      await inboundPayload({
        from: PROSPECT,
        to: [initial.replyTo!.email],
        subject: 'Automatic reply: Your quote',
        text: `I am out of the office until ${back.setLocale('en').toFormat('LLLL d, yyyy')} with limited access to email.`,
      })
        .post(request(testApp.app), TEST_WEBHOOK_SECRET)
        .expect(200, { status: 'accepted' });
      expect(await ReplyOutbox.countDocuments({ conversation })).toBe(0); // Temporal took the pause at once

      const paused = await eventually(async () => {
        const state = await handle.query(stateQuery);
        return state.status === 'paused' ? state : undefined;
      });
      const received = (await Message.findOne({ conversation, direction: 'inbound' }).lean())!.at;
      const resume = outOfOfficeResumeWithoutWindow({
        outOfOffice: DEFAULT_OUT_OF_OFFICE,
        returnDate: back.toISODate(),
        receivedAt: received,
        plannedAt: new Date(paused.steps[0].sendAt),
        timeZone: ZONE,
      });
      const expected = planClock(DIVISOR).compress(received, resume);
      expect(paused.resumeAt).toBe(expected.toISOString());
      expect(paused.reason).toContain(`back on ${back.toISODate()}`);
      const shown = await request(testApp.app).get(`/v1/sequences/${handle.workflowId}`).set(org.auth).expect(200);
      expect(shown.body.sequences).toMatchObject({
        status: 'paused',
        resumes_at: Math.floor(expected.getTime() / 1000),
      });

      const fu1 = await eventually(
        () => testApp.sink.list({ to: PROSPECT.address })[1],
        20_000,
        'follow-up 1 after the pause',
      );
      expect(Date.parse(fu1.receivedAt)).toBeGreaterThanOrEqual(expected.getTime());
      await inboundPayload({
        from: PROSPECT,
        to: [fu1.replyTo!.email],
        subject: 'Re: Your quote',
        text: 'Back now, the quote works for us.',
      })
        .post(request(testApp.app), TEST_WEBHOOK_SECRET)
        .expect(200, { status: 'accepted' });
      expect(await handle.result()).toMatchObject({ status: 'replied' });
      expect(testApp.sink.list({ to: PROSPECT.address })).toHaveLength(2);
    },
    { taskQueue },
  );
});

it("the rule's out-of-office policy reaches the sequence without a window too: `stop` ends it on the auto-reply", async () => {
  await withTestWorker(
    realActivities(testApp),
    async ({ client }) => {
      const { org, conversation, workflowId, initial } = await triggerSequence('Out of office stops', PROSPECT, {
        out_of_office: { policy: 'stop' },
      });
      const handle = client.workflow.getHandle(workflowId);
      await inboundPayload({
        from: PROSPECT,
        to: [initial.replyTo!.email],
        subject: 'Out of office: Your quote',
        text: 'I am away with no access to email.',
      })
        .post(request(testApp.app), TEST_WEBHOOK_SECRET)
        .expect(200, { status: 'accepted' });
      expect(await handle.result()).toMatchObject({
        status: 'stopped',
        reason: `stopped: out-of-office reply from ${PROSPECT.address}`,
      });
      const drafts = await request(testApp.app)
        .get(`/v1/conversations/${conversation}/drafts`)
        .set(org.auth)
        .expect(200);
      expect(drafts.body.drafts.map((d: { status: string }) => d.status)).toEqual([
        'discarded',
        'discarded',
        'discarded',
      ]);
    },
    { taskQueue },
  );
});
