import { Types } from 'mongoose';
import { Conversation, DeliveryEvent, Draft, Message, Organization, Response, Suppression } from '@follow-ups/db';
import { createSendGridMailer, TransientMailError } from '@follow-ups/mailer';
import { createActivities } from '@follow-ups/worker';
import { commandsOf } from '../helpers/commandProfile';
import { seedFollowUpDrafts } from '../helpers/followUpDrafts';
import { realActivities, useTestApp, TEST_REPLY_DOMAIN, TEST_REPLY_SECRET } from '../helpers/testApp';

/**
 * The at-most-once mechanism of the send activity, driven directly on the real models: every crash
 * point of an attempt is recreated in MongoDB, then the retry runs.
 */
describe('sendFollowUp at most once', () => {
  let activities: ReturnType<typeof realActivities>;
  const testApp = useTestApp();
  beforeAll(async () => {
    activities = realActivities(testApp);
  });
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
    const impatient = createActivities({
      mailer: createSendGridMailer({ apiKey: 'SG.test', baseUrl: testApp.sinkUrl, timeoutMs: 300 }),
      replyDomain: TEST_REPLY_DOMAIN,
      replyTokenSecret: TEST_REPLY_SECRET,
    });
    await fetch(`${testApp.sinkUrl}/sink/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ delayMs: 1_000, count: 1 }),
    });
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
    await Message.create({
      organization: draft.organization,
      conversation: draft.conversation,
      direction: 'inbound',
      origin: 'inbound',
      from: { address: 'jane@prospect.test' },
      messageId: `<r.${new Types.ObjectId()}@prospect.test>`,
      at: new Date(),
    });
    expect(await activities.sendFollowUp(input)).toEqual({
      outcome: 'skipped',
      status: 'discarded',
      reason: 'reply received',
      replied: true,
    });
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

  it('a retry after a crash between recording and marking sent finishes without sending, its mail in the thread', async () => {
    const { draft, input } = await scheduledDraft();
    await Draft.claimForSending(draft._id);
    await Message.create({
      organization: draft.organization,
      conversation: draft.conversation,
      direction: 'outgoing',
      origin: 'automation',
      from: { address: 'alex@seller.test' },
      messageId: draft.messageId,
      at: new Date(),
    });
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'sent' });
    expect(testApp.sink.list()).toHaveLength(0);
    expect((await Draft.findById(draft._id).lean())?.status).toBe('sent');
    // The References of the next follow-up: the crashed attempt never wrote the thread.
    expect((await Conversation.findById(draft.conversation).lean())?.thread).toContain(draft.messageId);
  });

  it('a discarded draft is never sent', async () => {
    const { draft, input } = await scheduledDraft();
    await Draft.discardOne(draft.organization, draft._id, 'reply received');
    expect(await activities.sendFollowUp(input)).toEqual({
      outcome: 'skipped',
      status: 'discarded',
      reason: 'reply received',
      replied: true,
    });
    expect(testApp.sink.list()).toHaveLength(0);
  });

  it('a follow-up carries one-click unsubscribe headers and can link to them from its text', async () => {
    const { draft, input } = await scheduledDraft();
    await Response.updateOne(
      { _id: draft.response },
      { $set: { body: 'Hi {{ recipient.first_name }}. Not interested? {{ unsubscribe_url }}' } },
    );
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'sent' });
    const [mail] = testApp.sink.list();
    const link = /^<(http:\/\/localhost:3000\/u\/[^>]+)>, <mailto:unsubscribe\+[^>]+>$/.exec(
      mail.headers['List-Unsubscribe'],
    )?.[1];
    expect(link).toBeDefined();
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toBe(`Hi Jane. Not interested? ${link}`);
  });

  it('a follow-up to a suppressed address is discarded with the reason, never sent', async () => {
    const { draft, input } = await scheduledDraft();
    await Suppression.suppress({
      organization: draft.organization,
      address: 'Jane@Prospect.test',
      reason: 'spam_report',
      source: 'api',
    });
    expect(await activities.sendFollowUp(input)).toMatchObject({
      outcome: 'skipped',
      status: 'discarded',
      reason: 'spam_report',
    });
    expect(testApp.sink.list()).toHaveLength(0);
  });

  it("a follow-up's suppression check is served from the worker's cache, and a suppression made since stops the next one", async () => {
    const { organization, drafts, input } = await seedFollowUpDrafts(3);
    await Organization.create({ _id: organization, name: 'Cached suppressions' });
    expect(await activities.sendFollowUp(input(drafts[0]))).toMatchObject({ outcome: 'sent' }); // cache loaded
    const { by } = await commandsOf(async () =>
      expect(await activities.sendFollowUp(input(drafts[1]))).toMatchObject({ outcome: 'sent' }),
    );
    expect(Object.keys(by).filter((command) => command.includes('suppressions'))).toEqual([]);
    await Suppression.suppress({ organization, address: 'jane@prospect.test', reason: 'unsubscribed', source: 'api' });
    expect(await activities.sendFollowUp(input(drafts[2]))).toMatchObject({
      outcome: 'skipped',
      status: 'discarded',
      reason: 'unsubscribed',
    });
    expect(testApp.sink.list()).toHaveLength(2);
  });

  it('a SendGrid 500 is retried and then sent once', async () => {
    const { input } = await scheduledDraft();
    await fetch(`${testApp.sinkUrl}/sink/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 500, count: 1 }),
    });
    await expect(activities.sendFollowUp(input)).rejects.toBeInstanceOf(TransientMailError);
    expect(await activities.sendFollowUp(input)).toMatchObject({ outcome: 'sent' });
    expect(testApp.sink.list()).toHaveLength(1);
  });
  /** docs/at-most-once.md: an `unknown` delivery is confirmed by an event, resent once, or left unknown. */
  describe('reconcileFollowUp after an unknown outcome', () => {
    /** A follow-up left `unknown` by a crash during the SendGrid call `secondsAgo` seconds back. */
    async function unknownDraft(secondsAgo = 60) {
      const { drafts, input } = await seedFollowUpDrafts(1);
      await Draft.claimForSending(drafts[0]._id);
      await Draft.updateOne(
        { _id: drafts[0]._id },
        { $set: { inFlightSince: new Date(Date.now() - secondsAgo * 1000) } },
      );
      await Draft.markUnknown(drafts[0]._id, 'interrupted');
      return { draft: drafts[0], input: input(drafts[0]) };
    }
    const event = (fields: Record<string, unknown>) =>
      DeliveryEvent.create({
        _id: `ev-${new Types.ObjectId()}`,
        event: 'processed',
        at: new Date(),
        applied: true,
        ...fields,
      });
    const status = async (id: Types.ObjectId) => (await Draft.findById(id).lean())?.status;

    it('without any Event Webhook event since it went in flight, it stays unknown and is not resent', async () => {
      const { draft, input } = await unknownDraft(5);
      await event({ at: new Date(Date.now() - 60_000) }); // an old event proves nothing about this period
      expect(await activities.reconcileFollowUp(input)).toMatchObject({
        outcome: 'skipped',
        status: 'unknown',
        reason: expect.stringMatching(/no Event Webhook event/),
      });
      expect(testApp.sink.list()).toHaveLength(0);
      expect(await status(draft._id)).toBe('unknown');
    });

    it('an event about the draft that came while it was still sending confirms it: sent, not resent', async () => {
      const { draft, input } = await unknownDraft();
      await event({ draft: draft._id, organization: draft.organization });
      expect(await activities.reconcileFollowUp(input)).toMatchObject({ outcome: 'sent' });
      expect(testApp.sink.list()).toHaveLength(0);
      expect(await status(draft._id)).toBe('sent');
    });

    it('with the webhook live and no event for it, it is resent once with the same Message-ID; a retry sends nothing', async () => {
      const { draft, input } = await unknownDraft();
      await event({}); // another mail's event, stamped after this draft went in flight
      expect(await activities.reconcileFollowUp(input)).toMatchObject({ outcome: 'sent', messageId: draft.messageId });
      expect(await activities.reconcileFollowUp(input)).toMatchObject({ outcome: 'sent' });
      expect(testApp.sink.list()).toHaveLength(1);
      expect(testApp.sink.list()[0].headers['Message-ID']).toBe(draft.messageId);
      const after = await Draft.findById(draft._id).lean();
      expect(after).toMatchObject({ status: 'sent' });
      expect(await Message.exists({ _id: after?.sentMessage, messageId: draft.messageId })).not.toBeNull();
      // A late event for the first attempt changes nothing now.
      expect(await Draft.confirmReceived(draft._id, 'late event')).toBe(false);
    });

    it('a resend interrupted during its own SendGrid call ends unknown, never sent a third time', async () => {
      const { draft, input } = await unknownDraft();
      await event({});
      expect(await Draft.claimResend(draft._id, 'resent')).toBe(true);
      await Draft.updateOne({ _id: draft._id }, { $set: { resentAt: new Date() } });
      expect(await activities.reconcileFollowUp(input)).toMatchObject({
        outcome: 'skipped',
        status: 'unknown',
        reason: expect.stringMatching(/never sent a third time/),
      });
      expect(await activities.reconcileFollowUp(input)).toMatchObject({ outcome: 'skipped', status: 'unknown' });
      expect(testApp.sink.list()).toHaveLength(0);
      // Its transition out of `unknown` is spent: a late event neither confirms nor rewinds it.
      expect(await Draft.confirmReceived(draft._id, 'late event')).toBe(false);
      expect(await status(draft._id)).toBe('unknown');
    });

    it('an attempt that timed out but went on to record the mail settles it as sent, never resent', async () => {
      const { draft, input } = await unknownDraft();
      await event({});
      const message = await Message.create({
        organization: draft.organization,
        conversation: draft.conversation,
        direction: 'outgoing',
        origin: 'automation',
        from: { address: 'alex@seller.test' },
        to: [{ address: 'jane@prospect.test' }],
        messageId: draft.messageId,
        draft: draft._id,
        at: new Date(),
      });
      expect(await activities.reconcileFollowUp(input)).toMatchObject({ outcome: 'sent' });
      expect(testApp.sink.list()).toHaveLength(0);
      expect(await Draft.findById(draft._id).lean()).toMatchObject({ status: 'sent', sentMessage: message._id });
    });

    it('a scheduled send left unknown is resent once as written', async () => {
      const { organization, conversation } = await seedFollowUpDrafts(0);
      const content = {
        subject: 'Your quote',
        body: 'Here it is.',
        text: 'Here it is.',
        from: { address: 'alex@seller.test' },
        to: [{ address: 'jane@prospect.test' }],
      };
      const draft = await Draft.create({
        organization,
        conversation: conversation._id,
        kind: 'scheduled_send',
        content,
        sendAt: new Date(),
        status: 'unknown',
        inFlightSince: new Date(Date.now() - 60_000),
        messageId: `<s.${new Types.ObjectId()}@${TEST_REPLY_DOMAIN}>`,
      });
      await event({});
      const input = { organizationId: String(organization), draftId: String(draft._id) };
      expect(await activities.reconcileScheduledDraft(input)).toMatchObject({
        outcome: 'sent',
        messageId: draft.messageId,
      });
      expect(await activities.reconcileScheduledDraft(input)).toMatchObject({ outcome: 'sent' });
      expect(testApp.sink.list().map((m) => [m.subject, m.headers['Message-ID']])).toEqual([
        ['Your quote', draft.messageId],
      ]);
    });

    it('a reply accepted since (the conversation is marked replied) keeps it unknown, never resent', async () => {
      const { draft, input } = await unknownDraft();
      await event({});
      await Conversation.updateOne({ _id: draft.conversation }, { $set: { repliedAt: new Date() } });
      expect(await activities.reconcileFollowUp(input)).toMatchObject({
        outcome: 'skipped',
        status: 'unknown',
        reason: 'not resent: the prospect replied',
      });
      expect(testApp.sink.list()).toHaveLength(0);
    });
  });
});
