import type { Types } from 'mongoose';
import { Contact, contactId } from '@follow-ups/db';
import { classifyInbound, ownText, returnDate } from '@follow-ups/domain';

/**
 * Auto-reply, out-of-office and bounce verdict of a parsed mail (headers, envelope sender, subject,
 * wording, return date): the one decision of docs/out-of-office.md. A bounce is automatic, never an
 * out-of-office and never a person's reply.
 */
export function autoReplyOf(
  headers: Record<string, string>,
  subject: string,
  text: string | undefined,
  receivedAt = new Date(),
  envelopeFrom?: string | null,
) {
  const verdict = classifyInbound({ headers, subject, text: text ?? '', receivedAt, envelopeFrom });
  return {
    kind: verdict.kind,
    autoReply: verdict.autoReply,
    outOfOffice: verdict.outOfOffice ? { returnDate: verdict.returnDate } : null,
  };
}

type OutOfOfficeMail = {
  from: { address: string };
  subject: string;
  text?: string;
  outOfOffice?: { returnDate: string | null } | null;
};

/**
 * The return date read in the prospect's own time zone when their contact has one ("back tomorrow"
 * sent at 23:30 UTC from Berlin is two days later); the parse-time reading (UTC) otherwise.
 */
export async function localReturnDate(
  mail: OutOfOfficeMail,
  organization: Types.ObjectId,
  receivedAt: Date,
): Promise<string | null> {
  const parsed = mail.outOfOffice?.returnDate ?? null;
  const contact = await Contact.findById(contactId(String(organization), mail.from.address), { timeZone: 1 }).lean();
  if (!contact?.timeZone) return parsed;
  return returnDate(`${mail.subject}\n${ownText(mail.text ?? '')}`, receivedAt, null, contact.timeZone) ?? parsed;
}
