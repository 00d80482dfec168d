import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { simpleParser, type AddressObject, type EmailAddress, type HeaderLines, type Headers } from 'mailparser';
import type { DroppedAttachment } from '@follow-ups/db';
import {
  extractMessageIds,
  htmlToPlainTextOffThread,
  isAutoReply,
  isValidEmail,
  parseAddressList,
  type Address,
} from '@follow-ups/domain';
import type { SpooledAttachment } from './attachmentBudget';
import { MAILPARSER_LIMITS, MAX_BODY_CHARS, MAX_HEADER_BYTES, parseMimeFile, UnparseableMime } from './mimeFile';
import { decodeBytes, type InboundPost } from './payload';
import { readHead, type SpooledFile } from './spool';
import { autoReplyOf } from './outOfOffice';

/** What a received mail's headers say about who and which thread. */
type MailHeaderFields = {
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
};

/** A received mail as the rest of the webhook sees it. */
export type InboundEmail = MailHeaderFields & {
  text?: string;
  html?: string;
  autoReply: boolean;
  /** An out-of-office notice, with the date the person says they are back. */
  outOfOffice?: { returnDate: string | null } | null;
  /** Kept attachments, on disk until the post is answered. */
  attachments: SpooledAttachment[];
  droppedAttachments: DroppedAttachment[];
  /** The text or HTML was cut at MAX_BODY_CHARS. */
  bodyTruncated: boolean;
};

/** The fields a received mail's Message stores as they came (addresses, subject, bodies, threading). */
export const storedMailFields = (mail: InboundEmail) => ({
  from: mail.from,
  to: mail.to,
  cc: mail.cc,
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  messageId: mail.messageId,
  inReplyTo: mail.inReplyTo[0],
  references: mail.references,
});

/** A mail mailparser refused (or one too big to try): recorded with the reason, never a 5xx. */
export type UnparseableEmail = MailHeaderFields & { reason: string };

export type ParsedInbound = { parsed: true; mail: InboundEmail } | { parsed: false; mail: UnparseableEmail };

/** Header name (lower case) → unfolded value; the first occurrence wins. */
function headerMap(headerLines: HeaderLines): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { key, line } of headerLines) {
    map[key] ??= line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  return map;
}

function addressesOf(value: unknown): Address[] {
  const flatten = (list: EmailAddress[]): EmailAddress[] => list.flatMap((a) => (a.group ? flatten(a.group) : [a]));
  const list = flatten(
    [(value as AddressObject | AddressObject[] | undefined) ?? []].flat().flatMap((o) => o.value ?? []),
  );
  return list
    .filter((a) => a.address && isValidEmail(a.address))
    .map((a) => (a.name ? { address: a.address!, name: a.name } : { address: a.address! }));
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
  // Trimmed first: /^\s*<?\s*>?\s*$/ is quadratic on a long run of spaces.
  return envelopeFrom !== null && /^<?\s*>?$/.test(envelopeFrom.trim());
}

/** The sha256 identifying the post's content: the raw message, or the default post's parts. */
function contentHash(post: InboundPost): string {
  if (post.mode === 'raw') return post.email.sha256;
  return createHash('sha256')
    .update([post.headers, post.text, post.html].map((p) => p?.sha256 ?? '').join(':'))
    .digest('hex');
}

/**
 * The header fields, from mailparser's headers where it parsed them, else from the post's own
 * fields. `From` falls back to the post's `from` field in default mode only (SendGrid's copy of
 * the header), or when nothing could be parsed (the record then says who it claims to be from).
 */
function headerFields(
  post: InboundPost,
  hash: string,
  headers: Headers,
  raw: Record<string, string>,
  fromField = post.mode === 'default' ? post.from : undefined,
): MailHeaderFields {
  const headerId = normalizeMessageId(raw['message-id']);
  const to = addressesOf(headers.get('to'));
  const cc = addressesOf(headers.get('cc'));
  const fieldRecipients = parseAddressList([post.to, post.cc].filter(Boolean).join(','));
  const subject = headers.get('subject');
  return {
    messageId: headerId ?? `<sha256.${hash}@inbound.invalid>`,
    dedupeKey: headerId ?? `sha256:${hash}`,
    inReplyTo: extractMessageIds(raw['in-reply-to']),
    references: extractMessageIds(raw['references']),
    from: addressesOf(headers.get('from'))[0] ?? parseAddressList(fromField ?? '')[0] ?? null,
    to: to.length ? to : parseAddressList(post.to ?? ''),
    cc: cc.length ? cc : parseAddressList(post.cc ?? ''),
    recipients: [...new Set([...to, ...cc, ...fieldRecipients].map((a) => a.address).concat(post.envelope.to))],
    subject: typeof subject === 'string' ? subject : (post.subject ?? ''),
  };
}

/** In-Reply-To/References/Message-ID read with a regex from the first 64 KB: enough to link a refused mail to its thread. */
async function threadHeadersOf(post: InboundPost): Promise<Record<string, string>> {
  const head = decodeBytes(await readHead(post.mode === 'raw' ? post.email : post.headers, 64 * 1024));
  const block = head.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const found: Record<string, string> = {};
  for (const name of ['message-id', 'in-reply-to', 'references']) {
    const match = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im').exec(block);
    if (match?.[1] !== undefined) found[name] = match[1].replace(/\r?\n[ \t]+/g, ' ').slice(0, 8192);
  }
  return found;
}

async function unparseable(post: InboundPost, hash: string, reason: string): Promise<ParsedInbound> {
  const fields = headerFields(post, hash, new Map(), await threadHeadersOf(post), post.from);
  // Never deduplicated by Message-ID: a later, parseable delivery of the same mail must count.
  return {
    parsed: false,
    mail: { ...fields, messageId: `<sha256.${hash}@inbound.invalid>`, dedupeKey: `sha256:${hash}`, reason },
  };
}

/** A body cut at MAX_BODY_CHARS. */
function bounded(value: string | undefined): { value?: string; cut: boolean } {
  if (value === undefined || value.length <= MAX_BODY_CHARS) return { value, cut: false };
  return { value: value.slice(0, MAX_BODY_CHARS), cut: true };
}

async function readBody(
  file: SpooledFile | undefined,
  charset: string | undefined,
): Promise<{ value?: string; cut: boolean }> {
  if (!file) return { cut: false };
  const maxBytes = MAX_BODY_CHARS * 4;
  const body = bounded(decodeBytes(await readHead(file, maxBytes), charset));
  return { value: body.value, cut: body.cut || file.size > maxBytes };
}

/**
 * Parses the post with mailparser: the raw MIME message (streamed from disk, attachments to
 * disk), or the header block of a default post. What mailparser refuses is `parsed: false`.
 */
export async function parseInbound(post: InboundPost): Promise<ParsedInbound> {
  const hash = contentHash(post);
  let headers: Headers;
  let headerLines: HeaderLines;
  let text: { value?: string; cut: boolean };
  let html: { value?: string; cut: boolean };
  let attachments: SpooledAttachment[];
  let droppedAttachments: DroppedAttachment[];
  try {
    if (post.mode === 'raw') {
      const mime = await parseMimeFile(post.email, dirname(post.email.path));
      ({ headers, headerLines, attachments, droppedAttachments } = mime);
      [text, html] = [bounded(mime.text || undefined), bounded(mime.html || undefined)];
    } else {
      if (post.headers.size > MAX_HEADER_BYTES)
        return await unparseable(post, hash, `the header block is larger than ${MAX_HEADER_BYTES} bytes`);
      // The header block alone: the bodies already arrived decoded in `text` and `html`.
      const block = decodeBytes(await readHead(post.headers, MAX_HEADER_BYTES)).trimEnd();
      const parsed = await simpleParser(Buffer.from(`${block}\r\n\r\n`, 'utf8'), MAILPARSER_LIMITS).catch(
        (error: Error) => {
          throw new UnparseableMime(`mailparser: ${error.message}`);
        },
      );
      ({ headers, headerLines } = parsed);
      [text, html] = await Promise.all([
        readBody(post.text, post.charsets.text),
        readBody(post.html, post.charsets.html),
      ]);
      ({ attachments, droppedAttachments } = post);
    }
  } catch (error) {
    if (error instanceof UnparseableMime) return unparseable(post, hash, error.message);
    throw error;
  }
  const raw = headerMap(headerLines);
  const fields = headerFields(post, hash, headers, raw);
  // An HTML-only mail's text: large HTML converted on a thread with a time budget. A mail whose
  // HTML cannot be converted is recorded with its raw HTML, no text, and counts as a reply.
  const plain = text.value?.trim() ? text.value : html.value ? await htmlToPlainTextOffThread(html.value) : text.value;
  const verdict = autoReplyOf(raw, fields.subject, plain, new Date(), post.envelope.from);
  return {
    parsed: true,
    mail: {
      ...fields,
      text: plain,
      html: html.value,
      autoReply: isMachineGenerated(raw, post.envelope.from) || verdict.autoReply,
      outOfOffice: verdict.outOfOffice,
      attachments,
      droppedAttachments,
      bodyTruncated: text.cut || html.cut,
    },
  };
}
