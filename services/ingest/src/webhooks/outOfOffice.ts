import { classifyInbound } from '@follow-ups/domain';

/**
 * Auto-reply, out-of-office and bounce verdict of a parsed mail (headers, envelope sender, subject,
 * wording, return date): the one decision of docs/out-of-office.md. A bounce is automatic, never an
 * out-of-office and never a person's reply.
 */
export function autoReplyOf(headers: Record<string, string>, subject: string, text: string | undefined, receivedAt = new Date(), envelopeFrom?: string | null) {
  const verdict = classifyInbound({ headers, subject, text: text ?? '', receivedAt, envelopeFrom });
  return { kind: verdict.kind, autoReply: verdict.autoReply, outOfOffice: verdict.outOfOffice ? { returnDate: verdict.returnDate } : null };
}
