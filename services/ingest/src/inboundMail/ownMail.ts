import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import type { UserDoc } from '@follow-ups/db';
import { userByAddress } from '@follow-ups/directory';
import type { Address } from '@follow-ups/domain';
import type { AppDeps } from '../deps';
import type { MailAuthentication } from './authenticity';
import { byLogAddress, isOurMessageId } from './match';
import type { InboundEmail } from './parse';

export type Received = InboundEmail & { authentication: MailAuthentication };
type Sent = Received & { from: Address };

/** Mail the organization sent from one of its own mailboxes, copied to its log address (Bcc, routing rule, redirect). */
export type OwnOutgoing = { organization: Types.ObjectId; sender: UserDoc; mail: Sent };

/** Without a Message-ID header the parser names a mail by the hash of the raw post, which differs between copies. */
const derivedByParser = (messageId: string) =>
  messageId.startsWith('<sha256.') && messageId.endsWith('@inbound.invalid>');

/**
 * The Message-ID of a sent mail that came without one: the same for every copy of it (the Bcc and
 * the redirect carry different Received lines), from what the sender wrote: From, To, Cc, subject, text.
 */
function contentMessageId(mail: Sent): string {
  const addresses = (list: Address[]) => list.map((a) => a.address.toLowerCase()).join(',');
  const digest = createHash('sha256')
    .update(
      [
        mail.from.address.toLowerCase(),
        addresses(mail.to),
        addresses(mail.cc),
        mail.subject,
        mail.text ?? mail.html ?? '',
      ].join('\n'),
    )
    .digest('hex')
    .slice(0, 40);
  return `<mailbox.${digest}@inbound.invalid>`;
}

const isOnOurDomain = (address: string, deps: AppDeps) =>
  address.toLowerCase().endsWith(`@${deps.replyDomain.toLowerCase()}`);

/**
 * A mail that reached an organization's log address, from one of its users (by their email or an
 * alias), addressed to someone outside the organization (not a user, not one of our addresses), and
 * written by a person: the organization's outgoing mail (docs/mail-from-any-mailbox.md). Null for
 * anything else — a reply, mail between colleagues, an auto-reply, or a copy of mail we sent
 * ourselves (a follow-up through `copy_sender`, a forward redirected back: Message-ID on our domain).
 */
export async function ownOutgoingOf(received: Received, deps: AppDeps): Promise<OwnOutgoing | null> {
  const { from } = received;
  if (!from || received.autoReply || isOurMessageId(received.messageId, deps)) return null;
  const organization = byLogAddress(received.recipients, deps);
  if (!organization) return null;
  const sender = await userByAddress(organization, from.address);
  if (!sender) return null;
  let outside = false;
  for (const a of [...received.to, ...received.cc].slice(0, 100)) {
    if (!isOnOurDomain(a.address, deps) && !(await userByAddress(organization, a.address))) {
      outside = true;
      break;
    }
  }
  if (!outside) return null;
  const mail: Sent = { ...received, from };
  if (derivedByParser(mail.messageId)) {
    const messageId = contentMessageId(mail);
    Object.assign(mail, { messageId, dedupeKey: messageId });
  }
  return { organization, sender, mail };
}
