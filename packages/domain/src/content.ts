// What the conditions look at: the plain-text body and Missive's "message content".
import { convert } from 'html-to-text';
import type { Address, OutgoingMessage } from './types';
import { textToHtml } from './render';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

/** Strips HTML to plain text: no wrapping, links keep their text only, images dropped. */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
      ...HEADINGS,
    ],
  });
}

/** The text part when it has content, else the stripped HTML part, else ''. */
export function bodyText(msg: Pick<OutgoingMessage, 'text' | 'html'>): string {
  if (msg.text && msg.text.trim() !== '') return msg.text;
  if (msg.html && msg.html.trim() !== '') return htmlToPlainText(msg.html);
  return '';
}

function formatAddress(a: Address): string {
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

function formatList(list: Address[]): string {
  return list.map(formatAddress).join(', ');
}

/**
 * Missive's "message content": from, to, cc, bcc (names and addresses), subject and body text
 * (HTML stripped, quoted text included), one part per line; empty parts are left out.
 */
export function messageContent(msg: OutgoingMessage): string {
  return [
    formatAddress(msg.from),
    formatList(msg.to),
    formatList(msg.cc),
    formatList(msg.bcc),
    msg.subject,
    bodyText(msg),
  ]
    .filter((part) => part.trim() !== '')
    .join('\n');
}

// [^<>] rather than [^>]: linear on text with many "<" and no ">" (the other form is quadratic).
export const looksLikeHtml = (body: string) => /<\/?[a-z][^<>]*>/i.test(body);

/** Both parts of a mail body written as HTML or as plain text. */
export function textAndHtml(body: string): { text: string; html: string } {
  return looksLikeHtml(body) ? { text: htmlToPlainText(body), html: body } : { text: body, html: textToHtml(body) };
}
