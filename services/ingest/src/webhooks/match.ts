import type { Types } from 'mongoose';
import { Conversation, Message } from '@follow-ups/db';
import { parseReplyToken } from '@follow-ups/domain';
import type { AppDeps } from '../deps';
import type { InboundEmail } from './parse';

export type ConversationMatch =
  | { matched: true; organization: Types.ObjectId; conversation: Types.ObjectId; by: 'reply-address' | 'thread' }
  | { matched: false; reason: string };

const OBJECT_ID = /^[0-9a-f]{24}$/i;

type Found = { organization: Types.ObjectId; conversation: Types.ObjectId };

/** `reply+<token>@<replyDomain>` among the recipients whose token verifies → its conversation. */
async function byReplyAddress(recipients: string[], deps: AppDeps): Promise<{ found: Found | null; sawReplyAddress: boolean }> {
  const domain = `@${deps.replyDomain.toLowerCase()}`;
  const ours = recipients.filter((a) => a.toLowerCase().endsWith(domain) && a.toLowerCase().startsWith('reply+'));
  for (const address of ours) {
    const conversationId = parseReplyToken(address, deps.replyTokenSecret);
    if (!conversationId || !OBJECT_ID.test(conversationId)) continue;
    const conversation = await Conversation.findById(conversationId, { organization: 1 }).lean();
    if (conversation) return { found: { organization: conversation.organization, conversation: conversation._id }, sawReplyAddress: true };
  }
  return { found: null, sawReplyAddress: ours.length > 0 };
}

/** In-Reply-To, then References from the newest, against the Message-IDs of mail we sent. */
async function byThread(mail: InboundEmail): Promise<Found | null> {
  const ids = [...new Set([...mail.inReplyTo, ...[...mail.references].reverse()])].slice(0, 100);
  if (ids.length === 0) return null;
  const sent = await Message.find({ messageId: { $in: ids }, direction: 'outgoing' }, { organization: 1, conversation: 1, messageId: 1 }).lean();
  for (const id of ids) {
    const hits = sent.filter((m) => m.messageId === id);
    // Two conversations sharing one Message-ID (possibly two organizations): never guess.
    if (hits.length > 0 && new Set(hits.map((m) => String(m.conversation))).size === 1) {
      return { organization: hits[0].organization, conversation: hits[0].conversation };
    }
  }
  return null;
}

/** Finds the conversation a received mail answers: signed reply address first, then threading headers. */
export async function matchConversation(mail: InboundEmail, deps: AppDeps): Promise<ConversationMatch> {
  const token = await byReplyAddress(mail.recipients, deps);
  const found = token.found ?? (await byThread(mail));
  if (!found) {
    const reason = token.sawReplyAddress ? 'reply address with an invalid token or an unknown conversation' : 'no reply address and no known In-Reply-To/References';
    return { matched: false, reason };
  }
  // A copy of a mail we sent ourselves (e.g. Cc'd to the reply address) is not a reply.
  if (await Message.exists({ organization: found.organization, messageId: mail.messageId, direction: 'outgoing' })) {
    return { matched: false, reason: 'a copy of a message we sent' };
  }
  return { matched: true, ...found, by: token.found ? 'reply-address' : 'thread' };
}
