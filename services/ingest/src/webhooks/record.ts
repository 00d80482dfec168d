import type { Types } from 'mongoose';
import { InboundMail, isDuplicateKeyError, Message, type InboundMailDoc } from '@follow-ups/db';
import type { ConversationMatch } from './match';
import type { InboundEmail } from './parse';

/**
 * Records the delivery in InboundMail, whose unique `dedupeKey` decides which delivery is the
 * first: returns null when this one is, else the record of the earlier delivery.
 */
export async function recordDelivery(mail: InboundEmail, match: ConversationMatch, receivedAt: Date): Promise<InboundMailDoc | null> {
  try {
    await InboundMail.create({
      dedupeKey: mail.dedupeKey,
      matched: match.matched,
      ...(match.matched ? { organization: match.organization, conversation: match.conversation } : { reason: match.reason }),
      from: mail.from ?? undefined,
      to: mail.to,
      subject: mail.subject,
      receivedAt,
    });
    return null;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const earlier = await InboundMail.findOne({ dedupeKey: mail.dedupeKey }).lean<InboundMailDoc>();
    if (!earlier) throw error;
    return earlier;
  }
}

/** The reply as a Message of its conversation; a repeated write (resumed delivery) is a no-op. */
export async function recordMessage(mail: InboundEmail & { from: NonNullable<InboundEmail['from']> }, where: { organization: Types.ObjectId; conversation: Types.ObjectId; internal?: boolean }, at: Date): Promise<void> {
  try {
    await Message.create({
      organization: where.organization,
      conversation: where.conversation,
      direction: 'inbound',
      origin: 'inbound',
      from: mail.from,
      to: mail.to,
      cc: mail.cc,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo[0],
      references: mail.references,
      autoReply: mail.autoReply,
      internal: where.internal ?? false,
      at,
    });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}
