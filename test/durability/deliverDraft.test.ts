import { Types } from 'mongoose';
import { Draft, Message, Response, Suppression } from '@follow-ups/db';
import { createSendGridMailer, TransientMailError } from '@follow-ups/mailer';
import { createActivities } from '@follow-ups/worker';
import { seedFollowUpDrafts } from '../helpers/followUpDrafts';
import { realActivities, startTestApp, TEST_REPLY_DOMAIN, TEST_REPLY_SECRET, type TestApp } from '../helpers/testApp';

/**
 * The at-most-once mechanism of the send activity, driven directly on the real models: every crash
 * point of an attempt is recreated in MongoDB, then the retry runs.
 */
describe('sendFollowUp at most once', () => {
  let testApp: TestApp;
  let activities: ReturnType<typeof realActivities>;
  beforeAll(async () => {
    testApp = await startTestApp();
    activities = realActivities(testApp);
  });
  afterAll(() => testApp.close());
  beforeEach(() => testApp.sink.clear());

  async function scheduledDraft() {
    const { drafts, input } = await seedFollowUpDrafts(1);
    return { draft: drafts[0], input: input(drafts[0]) };
  }

  it('sends once; a retry after success sends nothing', async () => {
    const { input } = await scheduledDraft();
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'sent' });
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'sent' });
    expect(testApp.sink.list()).toHaveLength(1);
    expect(testApp.sink.list()[0].text).toBe('Hi Jane, checking in.');
  });

  it('a retry after a crash during the SendGrid call marks it unknown instead of sending twice', async () => {
    const { draft, input } = await scheduledDraft();
    await Draft.claimForSending(draft._id);
    await Draft.updateOne({ _id: draft._id }, { $set: { inFlightSince: new Date() } });
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'skipped', status: 'unknown' });
    expect(testApp.sink.list()).toHaveLength(0);
    // It may have been delivered: never shown as `failed`.
    expect((await Draft.findById(draft._id).lean())?.status).toBe('unknown');
  });

  it('a SendGrid call that times out is unknown at once, and not retried', async () => {
    const { draft, input } = await scheduledDraft();
    const impatient = createActivities({ mailer: createSendGridMailer({ apiKey: 'SG.test', baseUrl: testApp.sinkUrl, timeoutMs: 300 }), replyDomain: TEST_REPLY_DOMAIN, replyTokenSecret: TEST_REPLY_SECRET });
    await fetch(`${testApp.sinkUrl}/sink/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ delayMs: 1_000, count: 1 }) });
    expect(await impatient.sendFollowUp(input)).toMatchObject({ outcome: 'skipped', status: 'unknown' });
    expect(await impatient.sendFollowUp(input)).toMatchObject({ outcome: 'skipped', status: 'unknown' });
    await new Promise((r) => setTimeout(r, 1_000));
    // The provider did get it (the sink recorded it after its delay): `unknown` was the truth, `failed` would have lied.
    expect(testApp.sink.list()).toHaveLength(1);
    expect((await Draft.findById(draft._id).lean())?.status).toBe('unknown');
  });

  it('a retry after a crash before the SendGrid call does not send when a reply came since', async () => {
    const { draft, input } = await scheduledDraft();
    await Draft.claimForSending(draft._id);
    await Message.create({ organization: draft.organization, conversation: draft.conversation, direction: 'inbound', origin: 'inbound', from: { address: 'jane@prospect.test' }, messageId: `<r.${new Types.ObjectId()}@prospect.test>`, at: new Date() });
    expect(await activities.sendFollowUp(input)).toEqual({ outcome: 'skipped', status: 'discarded', reason: 'reply received', replied: true });
    expect(testApp.sink.list()).toHaveLength(0);
  });

  it('a canned response deleted before the send fails its draft without retrying', async () => {
    const { draft, input } = await scheduledDraft();
    await Response.deleteOne({ _id: draft.response });
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'skipped', status: 'failed' });
    expect((await Draft.findById(draft._id).lean())?.reason).toMatch(/could not compose/);
    expect(testApp.sink.list()).toHaveLength(0);
  });

  it('a retry after a crash before the SendGrid call sends', async () => {
    const { draft, input } = await scheduledDraft();
    await Draft.claimForSending(draft._id);
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'sent' });
    expect(testApp.sink.list()).toHaveLength(1);
  });

  it('a retry after a crash between recording and marking sent finishes without sending', async () => {
    const { draft, input } = await scheduledDraft();
    await Draft.claimForSending(draft._id);
    await Message.create({ organization: draft.organization, conversation: draft.conversation, direction: 'outgoing', origin: 'automation', from: { address: 'alex@seller.test' }, messageId: draft.messageId, at: new Date() });
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'sent' });
    expect(testApp.sink.list()).toHaveLength(0);
    expect((await Draft.findById(draft._id).lean())?.status).toBe('sent');
  });

  it('a discarded draft is never sent', async () => {
    const { draft, input } = await scheduledDraft();
    await Draft.discardOne(draft.organization, draft._id, 'reply received');
    expect(await activities.sendFollowUp(input)).toEqual({ outcome: 'skipped', status: 'discarded', reason: 'reply received', replied: true });
    expect(testApp.sink.list()).toHaveLength(0);
  });

  it('a follow-up carries one-click unsubscribe headers and can link to them from its text', async () => {
    const { draft, input } = await scheduledDraft();
    await Response.updateOne({ _id: draft.response }, { $set: { body: 'Hi {{ recipient.first_name }}. Not interested? {{ unsubscribe_url }}' } });
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'sent' });
    const [mail] = testApp.sink.list();
    const link = /^<(http:\/\/localhost:3000\/u\/[^>]+)>, <mailto:unsubscribe\+[^>]+>$/.exec(mail.headers['List-Unsubscribe'])?.[1];
    expect(link).toBeDefined();
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toBe(`Hi Jane. Not interested? ${link}`);
  });

  it('a follow-up to a suppressed address is discarded with the reason, never sent', async () => {
    const { draft, input } = await scheduledDraft();
    await Suppression.suppress({ organization: draft.organization, address: 'Jane@Prospect.test', reason: 'spam_report', source: 'api' });
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'skipped', status: 'discarded', reason: 'spam_report' });
    expect(testApp.sink.list()).toHaveLength(0);
  });

  it('a SendGrid 500 is retried and then sent once', async () => {
    const { input } = await scheduledDraft();
    await fetch(`${testApp.sinkUrl}/sink/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 500, count: 1 }) });
    await expect(activities.sendFollowUp(input)).rejects.toBeInstanceOf(TransientMailError);
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'sent' });
    expect(testApp.sink.list()).toHaveLength(1);
  });
});
