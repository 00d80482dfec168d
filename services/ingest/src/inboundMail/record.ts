import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import {
  Conversation,
  countingOf,
  InboundMail,
  isDuplicateKeyError,
  Message,
  storeAttachments,
  type CountedSequence,
  type InboundMailDoc,
} from '@follow-ups/db';
import type { AppDeps } from '../deps';
import { matchConversation, type ConversationMatch } from './match';
import type { MailAuthentication } from './authenticity';
import { storedMailFields, type InboundEmail, type UnparseableEmail } from './parse';
import { readSpooled } from './spool';

type Delivery = Pick<InboundEmail, 'dedupeKey' | 'from' | 'to' | 'subject'> &
  Partial<Pick<InboundEmail, 'droppedAttachments' | 'bodyTruncated'>> & {
    reason?: string;
    authentication?: MailAuthentication;
  };

/**
 * Records the delivery in InboundMail, whose unique `dedupeKey` decides which delivery is the
 * first: returns null when this one is, else the record of the earlier delivery.
 */
export async function recordDelivery(
  mail: Delivery,
  match: ConversationMatch,
  receivedAt: Date,
  unparseable?: string,
): Promise<InboundMailDoc | null> {
  try {
    await InboundMail.create({
      dedupeKey: mail.dedupeKey,
      matched: match.matched,
      ...(match.matched
        ? { organization: match.organization, conversation: match.conversation }
        : { reason: match.reason }),
      from: mail.from ?? undefined,
      to: mail.to,
      subject: mail.subject,
      receivedAt,
      ...(unparseable ? { unparseable } : {}),
      ...(mail.droppedAttachments?.length ? { droppedAttachments: mail.droppedAttachments } : {}),
      ...(mail.bodyTruncated ? { bodyTruncated: true } : {}),
      ...(mail.authentication ? { authentication: mail.authentication } : {}),
    });
    return null;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const earlier = await InboundMail.findOne({ dedupeKey: mail.dedupeKey }).lean<InboundMailDoc>();
    if (!earlier) throw error;
    return earlier;
  }
}

/**
 * A mail that could not be parsed is recorded, linked to its conversation when its reply address
 * (or a thread header found in its first bytes) says which, and does nothing else: it stops no
 * sequence, since what it says cannot be known.
 */
export async function recordUnparseable(
  deps: AppDeps,
  mail: UnparseableEmail,
  receivedAt: Date,
): Promise<'unparseable' | 'duplicate'> {
  const asEmail: InboundEmail = {
    ...mail,
    autoReply: false,
    attachments: [],
    droppedAttachments: [],
    bodyTruncated: false,
  };
  return (await recordDelivery(mail, await matchConversation(asEmail, deps), receivedAt, mail.reason))
    ? 'duplicate'
    : 'unparseable';
}

/**
 * The `_id` of a received Message, the same for every delivery of the mail: the time it was
 * first received, then 8 bytes of sha256(organization, Message-ID). A retried delivery stores
 * its attachments under the same id, so a crash half-way leaves nothing orphaned.
 */
export function inboundMessageObjectId(organization: Types.ObjectId, messageId: string, at: Date): Types.ObjectId {
  const id = Buffer.alloc(12);
  id.writeUInt32BE(Math.floor(at.getTime() / 1000) >>> 0, 0);
  createHash('sha256')
    .update(`${String(organization)}\n${messageId}`)
    .digest()
    .copy(id, 4, 0, 8);
  return new Types.ObjectId(id);
}

/**
 * The reply as a Message of its conversation, its attachments stored first (so that a Message
 * that exists has them complete); a repeated write (resumed delivery) is a no-op. Returns the
 * conversation's counting state as its thread write returned it (undefined: no such write).
 */
export async function recordMessage(
  mail: InboundEmail & { from: NonNullable<InboundEmail['from']>; authentication?: MailAuthentication },
  where: { organization: Types.ObjectId; conversation: Types.ObjectId; internal?: boolean; viaLog?: boolean },
  at: Date,
  /** False when the caller put it in the conversation's thread already (an accepted reply). */
  addToThread = true,
): Promise<CountedSequence | null | undefined> {
  const _id = inboundMessageObjectId(where.organization, mail.messageId, at);
  if (mail.attachments.length > 0 || mail.droppedAttachments.length > 0) {
    const files = mail.attachments.map(({ filename, contentType, contentId, inline, ...file }) => ({
      filename,
      contentType,
      contentId,
      inline,
      content: readSpooled(file),
    }));
    await storeAttachments(where.organization, _id, files, mail.droppedAttachments);
  }
  try {
    await Message.create({
      _id,
      organization: where.organization,
      conversation: where.conversation,
      direction: 'inbound',
      origin: 'inbound',
      ...storedMailFields(mail),
      autoReply: mail.autoReply,
      internal: where.internal ?? false,
      viaLog: where.viaLog ?? false,
      ...(mail.authentication ? { authentication: mail.authentication } : {}),
      at,
    });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  // In its conversation's thread: the References of the next mail sent in it (also after a repeated write).
  if (!addToThread) return undefined;
  const kept = await Conversation.findOneAndUpdate(
    { _id: where.conversation, organization: where.organization },
    { $addToSet: { thread: mail.messageId } },
  ).lean();
  return countingOf(kept);
}
