import { Types } from 'mongoose';
import { isDuplicateKeyError, Message, recordOutgoing } from '@follow-ups/db';
import { useTestDb } from './testDb';

useTestDb('record_outgoing');

/** A mail as the send activity holds it: the composer's fields, some the Message schema does not keep. */
function sentMail() {
  return {
    from: { address: ' alex@seller.test ', name: ' Alex Seller ' },
    to: [{ address: 'jane@prospect.test', name: 'Jane Doe' }],
    cc: [{ address: 'bob@prospect.test' }],
    bcc: [],
    replyTo: { address: 'reply+abc@replies.test' },
    subject: 'Re: Quote',
    text: 'Checking in.',
    html: '<p>Checking in.</p>',
    messageId: `<fu.${new Types.ObjectId()}@replies.test>`,
    inReplyTo: '<t.1@seller.test>',
    references: ['<t.1@seller.test>'],
    headers: { 'List-Unsubscribe': '<mailto:u@x.test>' },
    attachments: [{ filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('x') }],
  };
}

describe('recordOutgoing', () => {
  it('writes the document the schema would: defaults, trimmed addresses, timestamps, nothing it does not keep', async () => {
    const at = new Date();
    const fields = {
      organization: new Types.ObjectId(),
      conversation: new Types.ObjectId(),
      origin: 'automation' as const,
      providerMessageId: 'sg-1',
      rulesPending: false,
      draft: new Types.ObjectId(),
      rule: new Types.ObjectId(),
      at,
    };
    const mail = sentMail();
    const recorded = await recordOutgoing({ ...fields, mail });
    const stored = await Message.findById(recorded._id).lean();
    const { __v, ...bySchema } = new Message({
      ...fields,
      direction: 'outgoing',
      ...mail,
      _id: recorded._id,
      createdAt: at,
      updatedAt: at,
    }).toObject();
    expect(__v).toBeUndefined(); // set by save(), which recordOutgoing does not call
    expect(stored).toEqual(bySchema);
    expect(recorded).toEqual(stored);
    expect(stored).not.toHaveProperty('headers');
    expect(stored).not.toHaveProperty('attachments');
    await expect(new Message(stored).validate()).resolves.toBeUndefined();
  });

  it('refuses a second record of the same Message-ID in the organization', async () => {
    const record = {
      organization: new Types.ObjectId(),
      conversation: new Types.ObjectId(),
      origin: 'api' as const,
      providerMessageId: null,
      rulesPending: true,
      draft: new Types.ObjectId(),
      at: new Date(),
      mail: sentMail(),
    };
    await recordOutgoing(record);
    const again = await recordOutgoing(record).catch((error: unknown) => error);
    expect(isDuplicateKeyError(again)).toBe(true);
    expect(await Message.countDocuments({ organization: record.organization })).toBe(1);
  });
});
