import request from 'supertest';
import { DeliveryEvent, Draft, Message, Suppression } from '@follow-ups/db';
import { runOutgoingRules } from '@follow-ups/automation';
import { sequenceWorkflowId } from '@follow-ups/domain';
import type { followUpSequence } from '@follow-ups/workflows';
import { buildApp } from '@follow-ups/ingest';
import { TEST_REPLY_DOMAIN, TEST_WEBHOOK_SECRET } from '../helpers/testApp';
import { useAppWithWorker } from '../helpers/backgroundWorker';
import { eventually } from '../helpers/testWorker';
import { newSigningKey, postEvents, sendgridEvent } from '../helpers/sendgridEvents';
import { seedFollowUpDrafts } from '../helpers/followUpDrafts';
import { realActivities } from '../helpers/testApp';

// Follow-ups 1, 3 and 7 "days" after the trigger last 2, 6 and 14 seconds.
const DIVISOR = 43_200;
const TRIGGER = 'Here is the quote you requested';
const SENDER = { address: 'alex@seller.test', name: 'Alex Seller' };

describe('SendGrid Event Webhook', () => {
  const getApp = useAppWithWorker({ delayDivisor: DIVISOR });
  const key = newSigningKey();
  let app: ReturnType<typeof buildApp>;
  beforeAll(() => {
    app = buildApp({ ...getApp().deps, eventWebhookPublicKey: key.publicKey });
  });
  const post = (events: unknown, options?: Parameters<typeof postEvents>[4]) =>
    postEvents(request(app), TEST_WEBHOOK_SECRET, key.privateKey, events, options);

  async function newOrgWithRule() {
    const org = await getApp().newOrganization();
    await request(app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: TRIGGER, senders: [SENDER.address] })
      .expect(201);
    return org;
  }
  const send = (auth: Record<string, string>, to: string, body = `<p>${TRIGGER}.</p>`) =>
    request(app)
      .post('/v1/drafts')
      .set(auth)
      .send({ drafts: { subject: 'Your quote', body, from_field: SENDER, to_fields: [{ address: to }], send: true } });
  const mailsTo = (address: string) => getApp().sink.list({ to: address });

  it('a hard bounce after follow-up 1 stops the sequence and discards 2 and 3 as bounced; the same batch again changes nothing', async () => {
    const org = await newOrgWithRule();
    const prospect = 'bounce-me@prospect.test';
    const conversation = (await send(org.auth, prospect).expect(201)).body.drafts.conversation;
    const followUp1 = await eventually(() => mailsTo(prospect)[1], 20_000, 'follow-up 1');

    const batch = [
      sendgridEvent('processed', followUp1, prospect),
      sendgridEvent('bounce', followUp1, prospect, {
        type: 'bounce',
        bounce_classification: 'Invalid Address',
        reason: '550 5.1.1 The email account does not exist',
        status: '5.1.1',
      }),
    ];
    expect((await post(batch).expect(200)).body).toEqual({ applied: 2, duplicates: 0, unmatched: 0 });

    const final = await getApp()
      .deps.temporal.workflow.getHandle<typeof followUpSequence>(sequenceWorkflowId(org.id, conversation))
      .result();
    expect(final.status).toBe('stopped');
    const drafts = (await request(app).get(`/v1/conversations/${conversation}/drafts`).set(org.auth).expect(200)).body
      .drafts;
    expect(drafts.map((d: { status: string; reason: string | null }) => [d.status, d.reason])).toEqual([
      ['sent', null],
      ['discarded', 'bounced'],
      ['discarded', 'bounced'],
    ]);
    const messages = (await request(app).get(`/v1/conversations/${conversation}/messages`).set(org.auth).expect(200))
      .body.messages;
    expect(messages.map((m: { delivery_status: string | null }) => m.delivery_status)).toEqual([null, 'bounced']);
    expect(messages[1].delivery_detail).toMatch(/550 5\.1\.1/);
    const list = (await request(app).get('/v1/suppressions').set(org.auth).expect(200)).body.suppressions;
    expect(list).toEqual([expect.objectContaining({ address: prospect, reason: 'bounced', source: 'event_webhook' })]);

    // SendGrid posts the batch again: nothing is applied twice, even after the address was lifted.
    await request(app).delete(`/v1/suppressions/${prospect}`).set(org.auth).expect(200);
    expect((await post(batch).expect(200)).body).toEqual({ applied: 0, duplicates: 2, unmatched: 0 });
    expect(await Suppression.findSuppressed(org.id, [prospect])).toEqual([]);
    expect(mailsTo(prospect)).toHaveLength(2);
  });

  it('refuses unsigned, forged and stale posts with 403 and records nothing', async () => {
    const org = await getApp().newOrganization();
    const prospect = 'forged@prospect.test';
    await send(org.auth, prospect, '<p>Hello</p>').expect(201);
    const mail = mailsTo(prospect)[0];
    const batch = [sendgridEvent('spamreport', mail, prospect)];
    const before = await DeliveryEvent.countDocuments();

    const forger = newSigningKey();
    await post(batch, { key: forger.privateKey }).expect(403);
    await post(batch, { unsigned: true }).expect(403);
    await post(batch, { timestamp: Math.floor(Date.now() / 1000) - 3600 }).expect(403);
    await postEvents(request(getApp().app), TEST_WEBHOOK_SECRET, key.privateKey, batch).expect(403); // no key configured
    await postEvents(request(app), 'wrong-secret', key.privateKey, batch).expect(401);
    // A signature over other bytes than those posted (the payload was altered on the way).
    const tampered = request(app)
      .post(`/webhooks/sendgrid/events/${TEST_WEBHOOK_SECRET}`)
      .set('Content-Type', 'application/json');
    const good = post(batch);
    const headers = (good as unknown as { header: Record<string, string> }).header;
    await good;
    await tampered
      .set(headers)
      .send(JSON.stringify([{ ...batch[0], email: 'someone-else@prospect.test' }]))
      .expect(403);

    expect(await DeliveryEvent.countDocuments()).toBe(before + 1); // only the genuine post
    await post([]).expect(200);
  });

  it('a spam report suppresses the address: a new trigger mail to it is refused with recipient_suppressed', async () => {
    const org = await newOrgWithRule();
    const prospect = 'complainer@prospect.test';
    const conversation = (await send(org.auth, prospect).expect(201)).body.drafts.conversation;
    const initial = mailsTo(prospect)[0];
    expect(initial.customArgs).toEqual({ conversation_id: conversation });
    expect(
      (
        await post([
          sendgridEvent('delivered', initial, prospect),
          sendgridEvent('spamreport', initial, prospect),
        ]).expect(200)
      ).body.applied,
    ).toBe(2);

    const stopped = await getApp()
      .deps.temporal.workflow.getHandle<typeof followUpSequence>(sequenceWorkflowId(org.id, conversation))
      .result();
    expect(stopped.status).toBe('stopped');
    const messages = (await request(app).get(`/v1/conversations/${conversation}/messages`).set(org.auth).expect(200))
      .body.messages;
    expect(messages[0].delivery_status).toBe('spam_reported');

    const refused = await send(org.auth, prospect.toUpperCase()).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'recipient_suppressed' });
    expect(refused.body.error.message).toContain(prospect);
    expect(refused.body.error.message).toContain('spam_report');
    expect(refused.body.error.issues).toEqual([
      { path: 'body.drafts.to_fields.0.address', message: expect.stringContaining('spam_report') },
    ]);
    expect(mailsTo(prospect)).toHaveLength(1);

    // The rules themselves start nothing for a suppressed recipient (e.g. a cc'd one, or the outbox re-running).
    const trigger = (await Message.findOne({ organization: org.id, conversation }).lean())!;
    const outcome = await runOutgoingRules(
      { client: getApp().deps.temporal, taskQueue: getApp().deps.taskQueue, messageIdDomain: TEST_REPLY_DOMAIN },
      { ...trigger, _id: trigger._id },
    );
    expect(outcome).toMatchObject({ sequence: null, suppressed: [prospect] });
  });

  it('counts soft bounces in a row as a hard one, and records events for unknown messages', async () => {
    const org = await getApp().newOrganization();
    const prospect = 'full-mailbox@prospect.test';
    await send(org.auth, prospect, '<p>Hello</p>').expect(201);
    const mail = mailsTo(prospect)[0];
    let second = Math.floor(Date.now() / 1000) - 100;
    const at = (event: object) => ({ ...event, timestamp: ++second });
    const soft = () =>
      at(
        sendgridEvent('bounce', mail, prospect, {
          type: 'blocked',
          bounce_classification: 'Mailbox Unavailable',
          reason: '452 mailbox full',
        }),
      );

    // Out of order: the delivery (second 2) arrives before soft bounce 1 (second 1), and still breaks the run.
    const first = soft();
    const delivered = at(sendgridEvent('delivered', mail, prospect));
    await post([delivered, first, soft(), soft()]).expect(200);
    expect(await Suppression.findSuppressed(org.id, [prospect])).toEqual([]); // a delivery broke the run
    await post([at(sendgridEvent('deferred', mail, prospect, { response: '421 try later' })), soft()]).expect(200);
    expect(await Suppression.findSuppressed(org.id, [prospect])).toEqual([
      expect.objectContaining({ reason: 'bounced', detail: expect.stringMatching(/3 soft bounces in a row/) }),
    ]);

    const unknown = {
      event: 'delivered',
      email: 'x@elsewhere.test',
      sg_event_id: 'not-ours-1',
      sg_message_id: 'nope.1',
      timestamp: 1,
    };
    expect((await post([unknown, 'not an event']).expect(200)).body).toEqual({
      applied: 0,
      duplicates: 0,
      unmatched: 2,
    });
    expect(await DeliveryEvent.findById('not-ours-1').lean()).toMatchObject({ event: 'delivered', applied: true });
    await post({ not: 'an array' }).expect(400);
  });

  it("reconciles a follow-up whose outcome was unknown: SendGrid's event says it had the mail", async () => {
    const { drafts, input } = await seedFollowUpDrafts(1);
    const [draft] = drafts;
    // The worker died during the SendGrid call: the retry cannot know, the draft is `unknown`.
    await Draft.claimForSending(draft._id);
    await Draft.updateOne({ _id: draft._id }, { $set: { inFlightSince: new Date() } });
    expect(await realActivities(getApp()).sendFollowUp(input(draft))).toMatchObject({
      outcome: 'skipped',
      status: 'unknown',
    });

    const mail = {
      id: 'sg-unknown-outcome',
      customArgs: { draft_id: String(draft._id), conversation_id: String(draft.conversation) },
    };
    await post([sendgridEvent('delivered', mail, 'jane@prospect.test')]).expect(200);
    expect(await Draft.findById(draft._id).lean()).toMatchObject({
      status: 'sent',
      reason: "confirmed by SendGrid's Event Webhook (delivered)",
    });
  });

  it('an event that arrives while the draft is still being sent settles it when the retry finds it unknown', async () => {
    const { drafts, input } = await seedFollowUpDrafts(1);
    const [draft] = drafts;
    await Draft.claimForSending(draft._id);
    await Draft.updateOne({ _id: draft._id }, { $set: { inFlightSince: new Date() } });
    // SendGrid had it and said so before the killed worker's retry ran.
    const mail = {
      id: 'sg-early-event',
      customArgs: { draft_id: String(draft._id), conversation_id: String(draft.conversation) },
    };
    expect((await post([sendgridEvent('processed', mail, 'jane@prospect.test')]).expect(200)).body).toEqual({
      applied: 1,
      duplicates: 0,
      unmatched: 0,
    });
    expect((await Draft.findById(draft._id).lean())?.status).toBe('sending');
    expect(await realActivities(getApp()).sendFollowUp(input(draft))).toMatchObject({
      outcome: 'sent',
      messageId: draft.messageId,
    });
    expect(await Draft.findById(draft._id).lean()).toMatchObject({
      status: 'sent',
      reason: expect.stringMatching(/confirmed by SendGrid's Event Webhook/),
    });
  });
});
