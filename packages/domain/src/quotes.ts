// Quoted replies in a plain-text body: what a mail client puts below a reply ("On … wrote:" and
// the `>` lines). Parsed by email-reply-parser (Crisp's maintained port of GitHub's parser, with
// the quote headers of a dozen languages), not by hand-written patterns.
import EmailReplyParser from 'email-reply-parser';

const parser = new EmailReplyParser();

/** The text a person wrote, without the quoted previous messages below (or between) it. */
export function withoutQuote(text: string): string {
  if (text.trim() === '') return '';
  return parser.parseReply(text);
}
