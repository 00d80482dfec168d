import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail } from 'mailparser';
import { extractMessageIds, htmlToPlainText, isAutoReply, isValidEmail, parseAddressList, type Address } from '@follow-ups/domain';
import type { InboundPost } from './payload';

/** A received mail as the rest of the webhook sees it. */
export type InboundEmail = {
  /** The Message-ID header, or one derived from the content hash when the header is missing. */
  messageId: string;
  /** Repeated deliveries share it: the Message-ID, else the sha256 of the raw content. */
  dedupeKey: string;
  inReplyTo: string[];
  references: string[];
  from: Address | null;
  to: Address[];
  cc: Address[];
  /** Every address the mail was delivered to (To, Cc, SMTP envelope), for reply-address matching. */
  recipients: string[];
  subject: string;
  text?: string;
  html?: string;
  autoReply: boolean;
};

/** Header name (lower case) → unfolded value; the first occurrence wins. */
function headerMap(parsed: ParsedMail): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    map[key] ??= line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  }
  return map;
}

function addressesOf(value: AddressObject | AddressObject[] | undefined): Address[] {
  const flatten = (list: EmailAddress[]): EmailAddress[] => list.flatMap((a) => (a.group ? flatten(a.group) : [a]));
  const list = flatten([value ?? []].flat().flatMap((o) => o.value));
  return list.filter((a) => a.address && isValidEmail(a.address)).map((a) => (a.name ? { address: a.address!, name: a.name } : { address: a.address! }));
}

/** `<id@host>` from a Message-ID value, brackets added when the sender left them out. */
function normalizeMessageId(value: string | undefined): string | null {
  const bracketed = extractMessageIds(value)[0];
  if (bracketed) return bracketed;
  const bare = value?.trim();
  return bare && /^[^<>\s]+@[^<>\s]+$/.test(bare) ? `<${bare}>` : null;
}

/**
 * Machine-generated mail: RFC 3834 / vendor auto-reply headers (isAutoReply), delivery and read
 * reports (multipart/report), and mail sent with a null return path (`MAIL FROM:<>`).
 */
function isMachineGenerated(headers: Record<string, string>, envelopeFrom: string | null): boolean {
  if (isAutoReply(headers)) return true;
  if (/^\s*multipart\/report\b/i.test(headers['content-type'] ?? '')) return true;
  return envelopeFrom !== null && /^\s*<?\s*>?\s*$/.test(envelopeFrom);
}

/** Parses the post with mailparser: the raw MIME message, or the header block of a default post. */
export async function parseInbound(post: InboundPost): Promise<InboundEmail> {
  let parsed: ParsedMail;
  let text: string | undefined;
  let html: string | undefined;
  let content: Buffer;
  if (post.mode === 'raw') {
    parsed = await simpleParser(post.email);
    text = parsed.text || undefined;
    html = parsed.html || undefined;
    content = post.email;
  } else {
    // The header block alone: the bodies already arrived decoded in `text` and `html`.
    parsed = await simpleParser(Buffer.from(`${post.headers.replace(/\s+$/, '')}\r\n\r\n`, 'utf8'));
    ({ text, html } = post);
    content = Buffer.from([post.headers, post.text ?? '', post.html ?? ''].join('\0'), 'utf8');
  }
  const headers = headerMap(parsed);
  const headerId = normalizeMessageId(headers['message-id']);
  const hash = createHash('sha256').update(content).digest('hex');

  const from = addressesOf(parsed.from)[0] ?? parseAddressList(post.mode === 'default' ? post.from : '')[0] ?? null;
  const to = addressesOf(parsed.to);
  const cc = addressesOf(parsed.cc);
  const fieldRecipients = parseAddressList([post.to, post.cc].filter(Boolean).join(','));
  return {
    messageId: headerId ?? `<sha256.${hash}@inbound.invalid>`,
    dedupeKey: headerId ?? `sha256:${hash}`,
    inReplyTo: extractMessageIds(headers['in-reply-to']),
    references: extractMessageIds(headers['references']),
    from,
    to: to.length ? to : parseAddressList(post.to ?? ''),
    cc: cc.length ? cc : parseAddressList(post.cc ?? ''),
    recipients: [...new Set([...to, ...cc, ...fieldRecipients].map((a) => a.address).concat(post.envelope.to))],
    subject: parsed.subject ?? '',
    text: text?.trim() ? text : html ? htmlToPlainText(html) : text,
    html,
    autoReply: isMachineGenerated(headers, post.envelope.from),
  };
}
