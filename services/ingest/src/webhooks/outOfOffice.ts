import { classifyInbound } from '@follow-ups/domain';

/** Auto-reply and out-of-office verdict of a parsed mail (headers, subject and body wording, return date). */
export function autoReplyOf(headers: Record<string, string>, subject: string, text: string | undefined, receivedAt = new Date()) {
  const verdict = classifyInbound({ headers, subject, text: text ?? '', receivedAt });
  return { autoReply: verdict.autoReply, outOfOffice: verdict.outOfOffice ? { returnDate: verdict.returnDate } : null };
}
