// Erasure (GDPR Art. 17): DELETE /v1/contacts/:address and DELETE /v1/conversations/:id stop the
// sequences and delete every record — checked in MongoDB itself, collection by collection — and
// leave only a keyed hash of the address in the suppressions, which still refuses sends.
import mongoose from 'mongoose';
import request from 'supertest';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  AnalyticsMark,
  ApiToken,
  Conversation,
  Draft,
  InboundAttachmentChunk,
  Message,
  Suppression,
  sweepHistory,
} from '@follow-ups/db';
import { replyAddress, replyToken, sequenceWorkflowId } from '@follow-ups/domain';
import { useAppWithWorker } from '../helpers/backgroundWorker';
import { inboundPayload } from '../helpers/inboundPayload';
import { TEST_REPLY_DOMAIN, TEST_REPLY_SECRET, TEST_WEBHOOK_SECRET } from '../helpers/testApp';
import { eventually } from '../helpers/testWorker';

// Follow-ups 1, 3 and 7 "days" after the trigger last 10, 30 and 70 seconds: all still due when erased.
const DIVISOR = 8_640;
const TRIGGER = 'Here is the quote you requested';
const SENDER = { address: 'alex@seller.test', name: 'Alex Seller' };

/** Every document of every collection of the test database whose JSON contains one of `needles`. */
async function mentions(needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const collection of await mongoose.connection.db!.collections()) {
    for (const doc of await collection.find({}).toArray()) {
      const json = JSON.stringify(doc).toLowerCase();
      if (needles.some((n) => json.includes(n.toLowerCase())))
        found.push(`${collection.collectionName} ${String(doc._id)}`);
    }
  }
  return found;
}

describe('erasure', () => {
  const getApp = useAppWithWorker({ delayDivisor: DIVISOR });
  const app = () => getApp().app;

  async function conversationWith(org: { auth: Record<string, string> }, prospect: string, subject: string) {
    const sent = await request(app())
      .post('/v1/drafts')
      .set(org.auth)
      .send({
        drafts: {
          subject,
          body: `<p>${TRIGGER}.</p>`,
          from_field: SENDER,
          to_fields: [{ address: prospect }],
          send: true,
        },
      })
      .expect(201);
    return sent.body.drafts.conversation as string;
  }

  async function newOrg() {
    const org = await getApp().newOrganization();
    await request(app())
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: TRIGGER, senders: [SENDER.address] })
      .expect(201);
    return org;
  }

  /** A reply with an attachment from the prospect, recorded in the conversation. */
  async function replyWithAttachment(prospect: string, conversation: string) {
    const to = replyAddress(replyToken(conversation, TEST_REPLY_SECRET), TEST_REPLY_DOMAIN);
    const content = Buffer.from('the signed quote, from the prospect');
    await inboundPayload({
      from: prospect,
      to: [to],
      subject: 'Re: quote for Erase Me',
      text: 'Signed, see attached',
      attachments: [{ filename: 'q.pdf', contentType: 'application/pdf', content }],
    })
      .post(request(app()), TEST_WEBHOOK_SECRET)
      .expect(200);
  }

  it('DELETE /v1/contacts/:address stops the sequences, deletes every record naming the person, and keeps a hashed suppression', async () => {
    const org = await newOrg();
    const prospect = 'erase-me@prospect.test';
    const replied = await conversationWith(org, prospect, 'Quote A for Erase Me');
    const running = await conversationWith(org, prospect, 'Quote B for Erase Me');
    const bystander = await conversationWith(org, 'stays@prospect.test', 'Quote C');
    await replyWithAttachment(prospect, replied);
    await request(app())
      .put(`/v1/contacts/${prospect}`)
      .set(org.auth)
      .send({ contacts: { time_zone: 'Europe/Berlin' } })
      .expect(200);
    await eventually(
      async () => ((await InboundAttachmentChunk.countDocuments({ organization: org.id })) > 0 ? true : undefined),
      20_000,
      'attachment stored',
    );
    // The ids of the person's messages and drafts: attachments and transitions are keyed by them.
    const ids = [
      ...(await Message.find({ conversation: { $in: [replied, running] } }, { _id: 1 }).lean()),
      ...(await Draft.find({ conversation: { $in: [replied, running] } }, { _id: 1 }).lean()),
    ].map((d) => String(d._id));
    const needles = [prospect, replied, running, 'Erase Me', ...ids];
    expect((await mentions(needles)).length).toBeGreaterThan(10);
    // The reply's mark names the person (what the report page lists of the reply, analytics/recent.ts).
    const replyMark = await eventually(
      async () => (await AnalyticsMark.findOne({ organization: org.id, conversation: replied }).lean()) ?? undefined,
      20_000,
      'reply counted',
    );
    expect(replyMark).toMatchObject({ from: prospect, subject: 'Re: quote for Erase Me' });

    const sendToken = await ApiToken.issueToken(org.id, 'crm', 'send');
    await request(app())
      .delete(`/v1/contacts/${prospect}`)
      .set({ Authorization: `Bearer ${sendToken}` })
      .expect(403);
    const erased = await request(app()).delete(`/v1/contacts/${prospect.toUpperCase()}`).set(org.auth).expect(200);
    expect(erased.body.erased).toMatchObject({ conversations: 2, contacts: 1, suppressionsHashed: 1 });
    expect(erased.body.erased.messages).toBeGreaterThanOrEqual(3);

    // In MongoDB: no document of any collection names the address, the two conversations or their subjects.
    expect(await mentions(needles)).toEqual([]);
    expect(await mentions([bystander])).not.toEqual([]);
    // In Temporal: no sequence of the person runs any more (the dev server deletes executions in the background, at its own pace).
    for (const conversation of [running, replied]) {
      const handle = getApp().deps.temporal.workflow.getHandle(sequenceWorkflowId(org.id, conversation));
      const status = await handle.describe().then(
        (d) => d.status.name,
        (e: unknown) => (e instanceof WorkflowNotFoundError ? 'deleted' : String(e)),
      );
      expect(['deleted', 'COMPLETED', 'TERMINATED']).toContain(status);
    }
    // The API: 404s, and the address is still refused (through its hash).
    await request(app()).get(`/v1/conversations/${replied}`).set(org.auth).expect(404);
    await request(app()).delete(`/v1/contacts/${prospect}`).set(org.auth).expect(404);
    const again = await request(app())
      .post('/v1/drafts')
      .set(org.auth)
      .send({
        drafts: { subject: 'Hi', body: 'x', from_field: SENDER, to_fields: [{ address: prospect }], send: true },
      })
      .expect(422);
    expect(again.body.error.code).toBe('recipient_suppressed');
    const [hashed] = await Suppression.find({ organization: org.id }).lean();
    expect(hashed?.address).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect((await request(app()).get('/v1/suppressions').set(org.auth).expect(200)).body.suppressions).toEqual([]);
    // Nothing more was sent to the person after the erasure (follow-ups were due later).
    expect(getApp().sink.list({ to: prospect })).toHaveLength(2);
  });

  it('DELETE /v1/conversations/:id erases one conversation and leaves the others', async () => {
    const org = await newOrg();
    const gone = await conversationWith(org, 'pat@prospect.test', 'Quote to forget');
    const kept = await conversationWith(org, 'pat@prospect.test', 'Quote to keep');
    const other = await getApp().newOrganization();
    await request(app()).delete(`/v1/conversations/${gone}`).set(other.auth).expect(404); // another tenant's
    const erased = await request(app()).delete(`/v1/conversations/${gone}`).set(org.auth).expect(200);
    expect(erased.body.erased).toMatchObject({ conversations: 1, messages: 1, drafts: 3 });
    expect(await mentions([gone, 'Quote to forget'])).toEqual([]);
    await request(app()).get(`/v1/conversations/${gone}`).set(org.auth).expect(404);
    await request(app()).delete(`/v1/conversations/${gone}`).set(org.auth).expect(404);
    await request(app()).get(`/v1/conversations/${kept}`).set(org.auth).expect(200);
    const handle = getApp().deps.temporal.workflow.getHandle(sequenceWorkflowId(org.id, gone));
    const status = await handle.describe().then(
      (d) => d.status.name,
      (e: unknown) => (e instanceof WorkflowNotFoundError ? 'deleted' : String(e)),
    );
    expect(['deleted', 'COMPLETED', 'TERMINATED']).toContain(status);
  });

  it('the history sweep erases conversations idle longer than HISTORY_RETENTION_DAYS, and keeps the rest', async () => {
    const org = await getApp().newOrganization(); // no rules: nothing stays scheduled
    const old = await conversationWith(org, 'old@prospect.test', 'Quote from long ago');
    const recent = await conversationWith(org, 'recent@prospect.test', 'Quote from last week');
    await Conversation.updateOne({ _id: old }, { $set: { lastActivityAt: new Date(Date.now() - 400 * 86_400_000) } });
    await Conversation.updateOne({ _id: recent }, { $set: { lastActivityAt: new Date(Date.now() - 7 * 86_400_000) } });

    expect((await sweepHistory(new Date(), {})).conversationsPurged).toBe(0);
    expect((await sweepHistory(new Date(), { retentionDays: 365 })).conversationsPurged).toBeGreaterThanOrEqual(1);
    expect(await mentions([old, 'Quote from long ago'])).toEqual([]);
    await request(app()).get(`/v1/conversations/${old}`).set(org.auth).expect(404);
    await request(app()).get(`/v1/conversations/${recent}`).set(org.auth).expect(200);
  });
});
