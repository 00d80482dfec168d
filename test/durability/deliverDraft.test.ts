import { Types } from 'mongoose';
import { Conversation, Draft, Message, Response } from '@follow-ups/db';
import { TransientMailError } from '@follow-ups/mailer';
import { realActivities, startTestApp, type TestApp } from '../helpers/testApp';

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
    const organization = new Types.ObjectId();
    const conversation = await Conversation.create({ organization, subject: 'Quote', participants: [] });
    const trigger = await Message.create({
      organization, conversation: conversation._id, direction: 'outgoing', origin: 'api', subject: 'Quote', text: 'Here is the quote you requested',
      from: { address: 'alex@seller.test', name: 'Alex Seller' }, to: [{ address: 'jane@prospect.test', name: 'Jane Doe' }], messageId: `<t.${new Types.ObjectId()}@seller.test>`, at: new Date(),
    });
    const response = await Response.create({ organization, title: 'FU', body: 'Hi {{ recipient.first_name }}, checking in.' });
    const draft = await Draft.create({ organization, conversation: conversation._id, kind: 'followup', response: response._id, step: 1, sendAt: new Date(), messageId: `<fu.${new Types.ObjectId()}@reply.test>` });
    const input = { organizationId: String(organization), conversationId: String(conversation._id), triggerMessageId: String(trigger._id), draftId: String(draft._id) };
    return { draft, input };
  }

  it('sends once; a retry after success sends nothing', async () => {
    const { input } = await scheduledDraft();
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'sent' });
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'sent' });
    expect(testApp.sink.list()).toHaveLength(1);
    expect(testApp.sink.list()[0].text).toBe('Hi Jane, checking in.');
  });

  it('a retry after a crash during the SendGrid call gives up instead of sending twice', async () => {
    const { draft, input } = await scheduledDraft();
    await Draft.claimForSending(draft._id);
    await Draft.updateOne({ _id: draft._id }, { $set: { inFlightSince: new Date() } });
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'skipped', status: 'failed' });
    expect(testApp.sink.list()).toHaveLength(0);
    expect((await Draft.findById(draft._id).lean())?.status).toBe('failed');
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
    expect(await activities.sendFollowUp(input)).toEqual({ outcome: 'skipped', status: 'discarded', reason: 'reply received' });
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
