// Quoted replies in a plain-text body: what a mail client puts below (or between) what the person
// wrote. A line-based scanner (quoteLines.ts) in time linear in the body: attributions ("On …
// wrote:", wrapped or not), "-----Original Message-----" and forward separators, Outlook header
// blocks ("From:/Sent:", "Von:/Gesendet:", "De :/Envoyé :", …) and `>` lines, in en, de, fr, es,
// it, nl and pt. Only a `-- ` signature and an app footer ("Sent from my iPhone") are dropped from
// what the person wrote; every other line is kept.
import {
  attributionLength,
  isAppFooter,
  isBlank,
  isHeaderBlock,
  isQuoted,
  isRule,
  isSeparator,
  isSignatureDelimiter,
} from './quoteLines';
import { htmlToPlainText, textToHtml } from './htmlToText';
import type { Address } from '../types';

/** Longest body read; the rest is history or abuse (inbound bodies are cut at 1,000,000 characters). */
export const MAX_QUOTE_SCAN_CHARS = 1_000_000;
/** Lines after a `-- ` delimiter still read as a signature. */
const MAX_SIGNATURE_LINES = 12;

/** Where the quoted history that runs to the end starts, and the attribution lines above `>` blocks. */
function scan(lines: string[]): { end: number; attributions: Set<number> } {
  const attributions = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isQuoted(line) || isBlank(line)) continue;
    if (isSeparator(line) || isHeaderBlock(lines, i)) return { end: withRuleAbove(lines, i), attributions };
    const length = attributionLength(lines, i);
    if (!length) continue;
    let next = i + length;
    while (next < lines.length && isBlank(lines[next])) next++;
    // Above `>` lines, the attribution goes with them (answers may follow between the quotes).
    if (next < lines.length && isQuoted(lines[next])) {
      for (let k = i; k < i + length; k++) attributions.add(k);
      i += length - 1;
    } else return { end: i, attributions };
  }
  return { end: lines.length, attributions };
}

/** `at`, or the line of underscores or dashes just above it (blank lines between allowed). */
function withRuleAbove(lines: string[], at: number): number {
  let i = at - 1;
  while (i >= 0 && isBlank(lines[i])) i--;
  return i >= 0 && isRule(lines[i]) ? i : at;
}

/** What the person wrote above `end`: `>` lines and their attributions out, blank runs folded. */
function keptLines(lines: string[], end: number, attributions: Set<number>): string[] {
  const kept: string[] = [];
  let dropped = false;
  for (let i = 0; i < end; i++) {
    if (attributions.has(i) || isQuoted(lines[i])) {
      dropped = true;
      continue;
    }
    const blank = isBlank(lines[i]);
    if (blank && dropped && (kept.length === 0 || isBlank(kept[kept.length - 1]))) continue;
    if (!blank) dropped = false;
    kept.push(lines[i] ?? '');
  }
  return kept;
}

/** Drops a `-- ` signature and app footers ("Sent from my iPhone") at the end. */
function withoutSignature(kept: string[]): string[] {
  let end = kept.length;
  for (let i = kept.length - 1; i >= Math.max(0, kept.length - MAX_SIGNATURE_LINES - 1); i--) {
    if (isSignatureDelimiter(kept[i])) {
      end = i;
      break;
    }
  }
  for (;;) {
    while (end > 0 && isBlank(kept[end - 1])) end--;
    if (end > 0 && (isAppFooter(kept[end - 1]) || isRule(kept[end - 1]))) end--;
    else break;
  }
  return kept.slice(0, end);
}

/** The text a person wrote, without the quoted or forwarded messages below (or between) it. */
export function withoutQuote(text: string): string {
  if (text.trim() === '') return '';
  const lines = text.slice(0, MAX_QUOTE_SCAN_CHARS).split(/\r\n|\r|\n/);
  const { end, attributions } = scan(lines);
  return withoutSignature(keptLines(lines, end, attributions))
    .join('\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd();
}

export type QuotedMessage = { at: Date; from: Address; text?: string | null; html?: string | null };

/** "On Tue, 01 Dec 2026 10:00:00 GMT, Alex Seller <alex@seller.test> wrote:", as mail clients write it. */
export function quoteHeader(quoted: QuotedMessage): string {
  const who = quoted.from.name ? `${quoted.from.name} <${quoted.from.address}>` : quoted.from.address;
  return `On ${quoted.at.toUTCString()}, ${who} wrote:`;
}

/** The body with the previous message quoted below it: `>` lines in the text part, a blockquote in the HTML part. */
export function quoteBelow(
  body: { text: string; html: string },
  quoted: QuotedMessage,
): { text: string; html: string } {
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
