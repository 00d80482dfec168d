// The conversation keeps the Message-IDs of its mails (`thread`): the References of the next mail
// come from it, not from a scan of every message; conversations from before it was kept still
// read their messages.
import request from 'supertest';
import { Types } from 'mongoose';
import { Conversation, Message } from '@follow-ups/db';
import { TEST_WEBHOOK_SECRET, useTestApp } from '../helpers/testApp';
import { inboundPayload } from '../helpers/inboundPayload';

const SENDER = { address: 'alex@seller.test' };
const PROSPECT = { address: 'jane@prospect.test' };

describe('the thread of a conversation', () => {
  const testApp = useTestApp();

  it('holds each mail sent or received in it, in order, and gives the next mail its References', async () => {
    const org = await testApp.newOrganization();
    const send = (drafts: object) =>
      request(testApp.app)
        .post('/v1/drafts')
        .set(org.auth)
        .send({ drafts: { body: 'Hello', from_field: SENDER, to_fields: [PROSPECT], send: true, ...drafts } })
        .expect(201);
    const first = await send({ subject: 'Your quote' });
    const conversation = first.body.drafts.conversation;
    const firstMail = testApp.sink.list({ to: PROSPECT.address }).find((m) => m.subject === 'Your quote')!;
    const firstId = firstMail.headers['Message-ID'];
    expect((await Conversation.findById(conversation).lean())?.thread).toEqual([firstId]);

    // The prospect answers; then the salesperson writes again in the same conversation.
    const replyId = `<answer.${new Types.ObjectId()}@prospect.test>`;
    await inboundPayload({
      from: PROSPECT,
      to: [SENDER.address],
      subject: 'Re: Your quote',
      text: 'Tell me more.',
      messageId: replyId,
      inReplyTo: firstId,
      references: [firstId],
    })
      .post(request(testApp.app), TEST_WEBHOOK_SECRET)
      .expect(200);
    await send({ conversation, subject: 'Re: Your quote', body: 'Here is more.' });
    const second = testApp.sink.list({ to: PROSPECT.address }).find((m) => m.text?.includes('Here is more'))!;
    expect(second.headers.References?.split(/\s+/)).toEqual([firstId, replyId]);
    const kept = await Conversation.findById(conversation).lean();
    expect(kept?.threadKept).toBe(true);
    expect(kept?.thread).toEqual([firstId, replyId, second.headers['Message-ID']]);
  });

  it('reads the messages of a conversation created before the thread was kept', async () => {
    const organization = new Types.ObjectId();
    const conversation = await Conversation.create({ organization, subject: 'Old one' });
    const base = {
      organization,
      conversation: conversation._id,
      direction: 'outgoing',
      origin: 'api',
      from: SENDER,
      to: [PROSPECT],
      cc: [],
      bcc: [],
    };
    await Message.create({ ...base, messageId: '<b@seller.test>', at: new Date('2026-01-02T00:00:00Z') });
    await Message.create({ ...base, messageId: '<a@seller.test>', at: new Date('2026-01-01T00:00:00Z') });
    const legacy = await Conversation.findById(conversation._id).lean();
    expect(legacy?.threadKept).toBeUndefined();
    expect(await Message.threadOf(organization, conversation._id, legacy)).toEqual([
      '<a@seller.test>',
      '<b@seller.test>',
    ]);
    expect(await Message.threadOf(organization, conversation._id, { thread: ['<kept@x>'], threadKept: true })).toEqual([
      '<kept@x>',
    ]);
  });
});
