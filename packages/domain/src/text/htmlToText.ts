// HTML ↔ plain text for untrusted mail and templates, bounded in time and depth: html-to-text for
// the small and shallow HTML people write (its layout is the reference), a linear converter for
// anything larger, wider or deeper, so no conversion holds an event loop (DESIGN invariant 10).
import { compile } from 'html-to-text';
import { fastHtmlToText } from './fastHtmlToText';
import { htmlShape } from './htmlScan';

/** Longest HTML converted at all; the rest is cut off (inbound bodies are already cut at 1,000,000). */
export const MAX_HTML_CHARS = 2_000_000;
/** Above any of these, html-to-text would cost too much (its tables are quadratic) or overflow the stack. */
export const HTML_TO_TEXT_LIMITS = { chars: 20_000, cells: 300, depth: 200 };

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

/** html-to-text's converter, compiled once: `convert` compiles its options (selectors) on every call. */
const toPlainText = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ...HEADINGS,
  ],
});

/** Strips HTML to plain text: no wrapping, links keep their text only, images dropped. */
export function htmlToPlainText(html: string): string {
  const input = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  if (input.length > HTML_TO_TEXT_LIMITS.chars) return fastHtmlToText(input);
  const { cells, depth } = htmlShape(input);
  if (cells > HTML_TO_TEXT_LIMITS.cells || depth > HTML_TO_TEXT_LIMITS.depth) return fastHtmlToText(input);
  try {
    return toPlainText(input);
  } catch {
    return fastHtmlToText(input); // html-to-text's own limits: never an error for the caller
  }
}

/** How deeply the elements of `html` nest (a linear count, no parse). */
export const htmlDepth = (html: string): number => htmlShape(html.slice(0, MAX_HTML_CHARS)).depth;

// [^<>] rather than [^>]: linear on text with many "<" and no ">" (the other form is quadratic).
export const looksLikeHtml = (body: string) => /<\/?[a-z][^<>]*>/i.test(body);

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);

/** Plain text as HTML: special characters escaped, line breaks as <br>. */
export function textToHtml(text: string): string {
  return escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>');
}

/** Both parts of a mail body written as HTML or as plain text. */
export function textAndHtml(body: string): { text: string; html: string } {
  return looksLikeHtml(body) ? { text: htmlToPlainText(body), html: body } : { text: body, html: textToHtml(body) };
}
