import { Types } from 'mongoose';
import { Conversation, Draft, Message, Response, type DraftDoc } from '@follow-ups/db';
import { TEST_REPLY_DOMAIN } from './testApp';

/**
 * A conversation with its trigger message and `steps` follow-up drafts due now, written straight
 * to the real models: for driving the send activity without a rule or a workflow.
 */
export async function seedFollowUpDrafts(steps = 1) {
  const organization = new Types.ObjectId();
  const conversation = await Conversation.create({ organization, subject: 'Quote', participants: [] });
  const trigger = await Message.create({
    organization,
    conversation: conversation._id,
    direction: 'outgoing',
    origin: 'api',
    subject: 'Quote',
    text: 'Here is the quote you requested',
    from: { address: 'alex@seller.test', name: 'Alex Seller' },
    to: [{ address: 'jane@prospect.test', name: 'Jane Doe' }],
    messageId: `<t.${new Types.ObjectId()}@seller.test>`,
    at: new Date(),
  });
  const response = await Response.create({
    organization,
    title: 'FU',
    body: 'Hi {{ recipient.first_name }}, checking in.',
  });
  const drafts: DraftDoc[] = [];
  for (let step = 1; step <= steps; step++) {
    const draft = await Draft.create({
      organization,
      conversation: conversation._id,
      kind: 'followup',
      response: response._id,
      step,
      sendAt: new Date(),
      messageId: `<fu.${new Types.ObjectId()}@${TEST_REPLY_DOMAIN}>`,
    });
    drafts.push(draft.toObject());
  }
  /** The send activity's input for one of the drafts. */
  const input = (draft: DraftDoc) => ({
    organizationId: String(organization),
    conversationId: String(conversation._id),
    triggerMessageId: String(trigger._id),
    draftId: String(draft._id),
  });
  return { organization, conversation, trigger, drafts, input };
}
