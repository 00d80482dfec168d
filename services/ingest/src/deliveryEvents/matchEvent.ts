import type { Types } from 'mongoose';
import type { SendgridEvent } from '@follow-ups/contract';
import { Conversation, findDraftById, Message } from '@follow-ups/db';

export type EventMatch = {
  organization?: Types.ObjectId;
  conversation?: Types.ObjectId;
  draft?: Types.ObjectId;
  message?: Types.ObjectId;
  /** The draft's status when the event arrived. */
  draftStatus?: string;
};

const OBJECT_ID = /^[0-9a-f]{24}$/i;
const ours = (id: unknown): id is string => typeof id === 'string' && OBJECT_ID.test(id);

/** `<X-Message-Id>.filterdrecv-…` → the X-Message-Id SendGrid answered the send with. */
const providerId = (sgMessageId: string | undefined) => sgMessageId?.split('.')[0] || undefined;

/**
 * Which mail of ours the event is about: by our `draft_id` custom arg (follow-ups and scheduled
 * sends), else `conversation_id` (API sends), else SendGrid's message id alone. Empty when none.
 */
export async function matchEvent(event: SendgridEvent): Promise<EventMatch> {
  const sendgridId = providerId(event.sg_message_id);
  if (ours(event.draft_id)) {
    const draft = await findDraftById({ _id: event.draft_id });
    if (draft) {
      const message =
        draft.sentMessage ??
        (await Message.findOne({ organization: draft.organization, draft: draft._id }, { _id: 1 }).lean())?._id;
      return {
        organization: draft.organization,
        conversation: draft.conversation,
        draft: draft._id,
        message,
        draftStatus: draft.status,
      };
    }
  }
  if (ours(event.conversation_id)) {
    const conversation = await Conversation.findById(event.conversation_id, { organization: 1 }).lean();
    if (conversation) {
      const where = { organization: conversation.organization, conversation: conversation._id, direction: 'outgoing' };
      const message = sendgridId
        ? await Message.findOne({ ...where, providerMessageId: sendgridId }, { _id: 1 }).lean()
        : null;
      return { organization: conversation.organization, conversation: conversation._id, message: message?._id };
    }
  }
  if (sendgridId) {
    const message = await Message.findOne(
      { providerMessageId: sendgridId, direction: 'outgoing' },
      { organization: 1, conversation: 1, draft: 1 },
    ).lean();
    if (message)
      return {
        organization: message.organization,
        conversation: message.conversation,
        draft: message.draft ?? undefined,
        message: message._id,
      };
  }
  return {};
}
