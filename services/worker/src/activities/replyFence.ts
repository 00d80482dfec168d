import { isStoppedByReply, Message, type DraftDoc } from '@follow-ups/db';

export { REPLY_REASON } from '@follow-ups/db';

/**
 * Whether a reply (not an auto-reply) was accepted in the draft's conversation since the draft was
 * created, for a draft that a reply stops. The webhook records the reply before it answers 200, so
 * a retry that runs after that answer always sees it.
 */
export async function replyArrivedSince(draft: DraftDoc): Promise<boolean> {
  if (!isStoppedByReply(draft)) return false;
  const reply = await Message.exists({
    organization: draft.organization,
    conversation: draft.conversation,
    direction: 'inbound',
    autoReply: false,
    at: { $gte: draft.createdAt },
  });
  return reply !== null;
}
