import { Types } from 'mongoose';
import { Conversation, LiveDraft, Message } from '@follow-ups/db';
import { userByAddress } from '@follow-ups/directory';
import { parseLogAddress, parseReplyToken } from '@follow-ups/domain';
import { replySecrets, type AppDeps } from '../deps';
import type { InboundEmail } from './parse';
import { runningSequenceTo } from './runningSequence';
import { LIVE_ENTRY_FIELDS, type LiveEntry } from './discardCounts';

export type ConversationMatch =
  | {
      matched: true;
      organization: Types.ObjectId;
      conversation: Types.ObjectId;
      by: 'reply-address' | 'thread' | 'log-address';
      /** From one of the organization's own people through its log address: recorded, never a reply. */
      internal: boolean;
      /** The conversation's LiveDraft entries, when the match read them: the reply's discard reads them no more. */
      live?: LiveEntry[];
    }
  /** `organization` when the mail reached an organization's log address: it is forwarded to its fallback address. */
  | { matched: false; reason: string; organization?: Types.ObjectId; internal?: boolean };

const OBJECT_ID = /^[0-9a-f]{24}$/i;

type Found = { organization: Types.ObjectId; conversation: Types.ObjectId; live?: LiveEntry[] };

/** `reply+<token>@<replyDomain>` among the recipients whose token verifies → its conversation. */
async function byReplyAddress(
  recipients: string[],
  deps: AppDeps,
): Promise<{ found: Found | null; sawReplyAddress: boolean }> {
  const domain = `@${deps.replyDomain.toLowerCase()}`;
  const ours = recipients.filter((a) => a.toLowerCase().endsWith(domain) && a.toLowerCase().startsWith('reply+'));
  for (const address of ours) {
    const conversationId = parseReplyToken(address, replySecrets(deps));
    if (!conversationId || !OBJECT_ID.test(conversationId)) continue;
    // A conversation with a running sequence is found among the live drafts (a small collection),
    // read whole for the reply's discard; any other one in the conversations, which grow with history.
    const live = await LiveDraft.find({ conversation: conversationId }, LIVE_ENTRY_FIELDS).lean();
    const found = live[0]
      ? { organization: live[0].organization, conversation: live[0].conversation, live }
      : await Conversation.findById(conversationId, { organization: 1 }).lean();
    if (found) {
      const id = 'conversation' in found ? found.conversation : found._id;
      return { found: { organization: found.organization, conversation: id, live }, sawReplyAddress: true };
    }
  }
  return { found: null, sawReplyAddress: ours.length > 0 };
}

/** In-Reply-To, then References from the newest, against the Message-IDs of mail we sent. */
async function byThread(mail: InboundEmail): Promise<Found | null> {
  const ids = [...new Set([...mail.inReplyTo, ...[...mail.references].reverse()])].slice(0, 100);
  if (ids.length === 0) return null;
  const sent = await Message.find(
    { messageId: { $in: ids }, direction: 'outgoing' },
    { organization: 1, conversation: 1, messageId: 1 },
  ).lean();
  for (const id of ids) {
    const hits = sent.filter((m) => m.messageId === id);
    // Two conversations sharing one Message-ID (possibly two organizations): never guess.
    const [hit] = hits;
    if (hit && new Set(hits.map((m) => String(m.conversation))).size === 1) {
      return { organization: hit.organization, conversation: hit.conversation };
    }
  }
  return null;
}

/** The organization whose log address (`log+<token>@<replyDomain>`) is among the recipients, if its token verifies. */
export function byLogAddress(recipients: string[], deps: AppDeps): Types.ObjectId | null {
  const domain = `@${deps.replyDomain.toLowerCase()}`;
  for (const address of recipients.filter((a) => a.toLowerCase().endsWith(domain))) {
    const organization = parseLogAddress(address, replySecrets(deps));
    if (organization && OBJECT_ID.test(organization)) return new Types.ObjectId(organization);
  }
  return null;
}

/** `<…@replyDomain>`: the Message-IDs of mail we send (newMessageId). */
export const isOurMessageId = (messageId: string, deps: AppDeps) =>
  messageId.toLowerCase().endsWith(`@${deps.replyDomain.toLowerCase()}>`);

/** One of the organization's users, by their email or one of their other addresses. */
const isOwnPerson = async (organization: Types.ObjectId, address: string) =>
  (await userByAddress(organization, address)) !== null;

/**
 * Finds the conversation a received mail answers: the signed reply address first, then threading
 * headers, then — for mail that reached an organization's log address (a salesperson's mailbox
 * auto-forwarded or Bcc'd there) — the running sequence to the sender's address.
 */
export async function matchConversation(mail: InboundEmail, deps: AppDeps): Promise<ConversationMatch> {
  const token = await byReplyAddress(mail.recipients, deps);
  const logOrganization = byLogAddress(mail.recipients, deps);
  const internal =
    logOrganization !== null && mail.from !== null && (await isOwnPerson(logOrganization, mail.from.address));
  let found = token.found ?? (await byThread(mail));
  let by: 'reply-address' | 'thread' | 'log-address' = token.found ? 'reply-address' : 'thread';
  if (!found && logOrganization && mail.from && !internal) {
    const conversation = await runningSequenceTo(deps, String(logOrganization), mail.from.address);
    if (conversation) [found, by] = [{ organization: logOrganization, conversation }, 'log-address'];
  }
  if (!found) {
    const reason = internal
      ? "mail from the organization's own people to its log address"
      : logOrganization
        ? 'reached the log address, but no running sequence is to its sender and it answers no mail we sent'
        : token.sawReplyAddress
          ? 'reply address with an invalid token or an unknown conversation'
          : 'no reply address and no known In-Reply-To/References';
    return { matched: false, reason, ...(logOrganization ? { organization: logOrganization, internal } : {}) };
  }
  // A copy of a mail we sent ourselves (e.g. Cc'd to the reply address, a follow-up through copy_sender,
  // a forward redirected back by a mailbox rule) is not a reply: every mail we send, and only those,
  // has a Message-ID on our reply domain (newMessageId; forwards are not Messages of their own).
  if (isOurMessageId(mail.messageId, deps)) {
    return { matched: false, reason: 'a copy of a message we sent' };
  }
  return { matched: true, ...found, by, internal: internal && String(found.organization) === String(logOrganization) };
}
