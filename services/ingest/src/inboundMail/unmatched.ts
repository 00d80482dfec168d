import type { Types } from 'mongoose';
import { Conversation, derivedObjectId, isDuplicateKeyError } from '@follow-ups/db';
import type { AppDeps } from '../deps';
import type { InboundEmail } from './parse';
import { recordMessage } from './record';
import { forwardReceived } from './replyOutbox';

/**
 * Mail that reached an organization's log address but answers none of its conversations: it gets
 * a conversation of its own (as an inbox would) and is forwarded to the organization's fallback
 * address — never dropped silently. The conversation id is derived from the mail, so a repeated
 * delivery finds the same one.
 */
export async function keepUnmatched(
  deps: AppDeps,
  mail: InboundEmail & { from: NonNullable<InboundEmail['from']> },
  organization: Types.ObjectId,
  receivedAt: Date,
): Promise<void> {
  const conversation = derivedObjectId('unmatched', String(organization), mail.dedupeKey);
  await Conversation.create({
    _id: conversation,
    organization,
    subject: mail.subject,
    participants: [mail.from, ...mail.to],
    lastActivityAt: receivedAt,
    thread: [],
    threadKept: true,
  }).catch((error: unknown) => {
    if (!isDuplicateKeyError(error)) throw error;
  });
  await recordMessage(mail, { organization, conversation }, receivedAt);
  await forwardReceived(deps, {
    organization,
    conversation,
    messageId: mail.messageId,
    from: mail.from.address,
    receivedAt,
  });
}
