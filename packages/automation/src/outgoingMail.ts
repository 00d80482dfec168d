import { replyAddress, replyToken, stripControlCharacters } from '@follow-ups/domain';
import type { MailAddress, MailAttachment, OutgoingMail } from '@follow-ups/mailer';

/** What every mail we send needs from the environment. */
export type MailContext = { replyDomain: string; replyTokenSecret: string };

export type MailParts = {
  conversationId: string;
  /** The draft it comes from, echoed by SendGrid's event webhook. */
  draftId?: string;
  from: MailAddress;
  to: MailAddress[];
  cc?: MailAddress[];
  bcc?: MailAddress[];
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  /** Message-IDs of the conversation, oldest first: threads the mail under the last one. */
  thread: string[];
  /** Bcc the sender, so that their own mailbox holds the thread (organization setting). */
  copySender: boolean;
  /** Instead of the conversation's signed reply address (forwarded replies answer the prospect). */
  replyTo?: MailAddress;
  attachments?: MailAttachment[];
  /** Extra headers (List-Unsubscribe). */
  headers?: Record<string, string>;
};

const cleanName = (a: MailAddress): MailAddress => (a.name ? { ...a, name: stripControlCharacters(a.name) } : a);

/** The subject and every display name without control characters (tab kept). */
function withoutControlCharacters(parts: MailParts): MailParts {
  const list = (addresses?: MailAddress[]) => addresses?.map(cleanName);
  return {
    ...parts,
    subject: stripControlCharacters(parts.subject),
    from: cleanName(parts.from),
    to: parts.to.map(cleanName),
    cc: list(parts.cc),
    bcc: list(parts.bcc),
    replyTo: parts.replyTo && cleanName(parts.replyTo),
  };
}

/**
 * The one composer of outgoing mail, for every path that sends (API sends, scheduled sends,
 * follow-ups, forwarded replies): threading headers, the signed Reply-To that brings the answer
 * back to us, the copy to the sender, and the ids SendGrid echoes in its events.
 */
export function outgoingMail(context: MailContext, unclean: MailParts): OutgoingMail {
  const parts = withoutControlCharacters(unclean);
  const recipients = [...parts.to, ...(parts.cc ?? []), ...(parts.bcc ?? [])].map((a) => a.address.toLowerCase());
  const copy =
    parts.copySender && !recipients.includes(parts.from.address.toLowerCase())
      ? [{ address: parts.from.address, name: parts.from.name }]
      : [];
  return {
    from: parts.from,
    to: parts.to,
    cc: parts.cc ?? [],
    bcc: [...(parts.bcc ?? []), ...copy],
    replyTo: parts.replyTo ?? {
      address: replyAddress(replyToken(parts.conversationId, context.replyTokenSecret), context.replyDomain),
      name: parts.from.name,
    },
    subject: parts.subject,
    text: parts.text,
    html: parts.html,
    messageId: parts.messageId,
    inReplyTo: parts.thread[parts.thread.length - 1],
    references: parts.thread,
    customArgs: { conversation_id: parts.conversationId, ...(parts.draftId ? { draft_id: parts.draftId } : {}) },
    ...(parts.attachments?.length ? { attachments: parts.attachments } : {}),
    ...(parts.headers ? { headers: parts.headers } : {}),
  };
}
