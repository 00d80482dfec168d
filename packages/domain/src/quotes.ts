// Quoted replies in a plain-text body: what a mail client puts below a reply ("On … wrote:" and
// the `>` lines). Parsed by email-reply-parser (Crisp's maintained port of GitHub's parser, with
// the quote headers of a dozen languages), not by hand-written patterns.
import EmailReplyParser from 'email-reply-parser';
import { htmlToPlainText } from './content';
import { textToHtml } from './render';
import type { Address } from './types';

const parser = new EmailReplyParser();

/** The text a person wrote, without the quoted previous messages below (or between) it. */
export function withoutQuote(text: string): string {
  if (text.trim() === '') return '';
  return parser.parseReply(text);
}

export type QuotedMessage = { at: Date; from: Address; text?: string | null; html?: string | null };

/** "On Tue, 01 Dec 2026 10:00:00 GMT, Alex Seller <alex@seller.test> wrote:", as mail clients write it. */
export function quoteHeader(quoted: QuotedMessage): string {
  const who = quoted.from.name ? `${quoted.from.name} <${quoted.from.address}>` : quoted.from.address;
  return `On ${quoted.at.toUTCString()}, ${who} wrote:`;
}

/** The body with the previous message quoted below it: `>` lines in the text part, a blockquote in the HTML part. */
export function quoteBelow(body: { text: string; html: string }, quoted: QuotedMessage): { text: string; html: string } {
  const header = quoteHeader(quoted);
  const quotedText = quoted.text ?? (quoted.html ? htmlToPlainText(quoted.html) : '');
  const quotedHtml = quoted.html ?? textToHtml(quotedText);
  return {
    text: `${body.text}\n\n${header}\n${quotedText
      .split('\n')
      .map((line) => (line ? `> ${line}` : '>'))
      .join('\n')}`,
    html: `${body.html}<br><div class="follow-ups-quote">${textToHtml(header)}<br><blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${quotedHtml}</blockquote></div>`,
  };
}
