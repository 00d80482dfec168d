// Builds the multipart/form-data posts SendGrid Inbound Parse makes, byte for byte in shape:
// default ("parsed") mode with `headers`, `text`, `html`, `from`, `to`, `cc`, `subject`,
// `envelope`, `charsets`, `SPF`, `dkim`, `sender_ip`, `attachments`; raw mode ("POST the raw,
// full MIME message") with `email` plus the envelope fields. Parts carry no Content-Type, as
// SendGrid's do, and the bodies are sent in the charset that `charsets` names.
import { randomBytes } from 'node:crypto';
import type { Test } from 'supertest';

type AddressLike = string | { address: string; name?: string };

export type InboundMailSpec = {
  from: AddressLike;
  to: AddressLike[];
  cc?: AddressLike[];
  subject?: string;
  text?: string;
  html?: string;
  /** Defaults to a fresh `<…@prospect.test>`; null sends a mail without a Message-ID header. */
  messageId?: string | null;
  inReplyTo?: string;
  references?: string[];
  /** Extra header lines, e.g. `{ 'Auto-Submitted': 'auto-replied' }`. */
  headers?: Record<string, string>;
  /** SMTP envelope; defaults to the To + Cc addresses and the From address. */
  envelope?: { to: string[]; from: string };
  /** Charset of the text and html bodies: UTF-8 (default) or ISO-8859-1. */
  charset?: 'UTF-8' | 'ISO-8859-1';
  date?: Date;
  /** Files: parts `attachment1…` with `attachment-info` (default mode), base64 MIME parts (raw mode). */
  attachments?: InboundAttachmentSpec[];
  /**
   * SendGrid's `SPF` and `dkim` fields. By default what a genuine mail gets: `SPF: pass` for the
   * envelope sender and a passing DKIM signature of the From domain. null leaves a field out.
   */
  authentication?: { spf?: string | null; dkim?: string | null };
};

export type InboundAttachmentSpec = { filename: string; contentType: string; content: Buffer; contentId?: string };

export type InboundMode = 'default' | 'raw';
export const SENDGRID_BOUNDARY = 'xYzZY';

const addressOf = (a: AddressLike) => (typeof a === 'string' ? { address: a } : a);
const isAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);
const encodeWord = (s: string) => (isAscii(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`);

/** `Name <addr>` as it appears decoded (SendGrid's `from`/`to` fields) or encoded (the header). */
function formatAddress(a: AddressLike, encoded: boolean): string {
  const { address, name } = addressOf(a);
  if (!name) return address;
  const shown =
    encoded && !isAscii(name)
      ? encodeWord(name)
      : /[",.;:<>@()[\]\\]/.test(name)
        ? `"${name.replace(/(["\\])/g, '\\$1')}"`
        : name;
  return `${shown} <${address}>`;
}

const formatList = (list: AddressLike[] | undefined, encoded: boolean) =>
  (list ?? []).map((a) => formatAddress(a, encoded)).join(', ');

function bytes(value: string, charset: 'UTF-8' | 'ISO-8859-1'): Buffer {
  return Buffer.from(value, charset === 'UTF-8' ? 'utf8' : 'latin1');
}

/** The full RFC 5322 message: header block and body (text/plain, or multipart/alternative with html). */
export function buildMime(spec: InboundMailSpec): { headerBlock: string; mime: Buffer; messageId: string | null } {
  const charset = spec.charset ?? 'UTF-8';
  const messageId = spec.messageId === undefined ? `<${randomBytes(8).toString('hex')}@prospect.test>` : spec.messageId;
  const envelopeTo = spec.envelope?.to ?? [...spec.to, ...(spec.cc ?? [])].map((a) => addressOf(a).address);
  const lines = [
    `Received: from mail.prospect.test (mail.prospect.test [203.0.113.7]) by mx.sendgrid.net with ESMTPS id ${randomBytes(5).toString('hex')} for <${envelopeTo[0] ?? ''}>; ${(spec.date ?? new Date()).toUTCString()}`,
    `From: ${formatAddress(spec.from, true)}`,
    `To: ${formatList(spec.to, true)}`,
    ...(spec.cc?.length ? [`Cc: ${formatList(spec.cc, true)}`] : []),
    `Subject: ${encodeWord(spec.subject ?? '')}`,
    `Date: ${(spec.date ?? new Date()).toUTCString()}`,
    ...(messageId ? [`Message-ID: ${messageId}`] : []),
    ...(spec.inReplyTo ? [`In-Reply-To: ${spec.inReplyTo}`] : []),
    ...(spec.references?.length ? [`References: ${spec.references.join('\r\n ')}`] : []),
    ...Object.entries(spec.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
  ];
  const part = (type: string, body: string) =>
    Buffer.concat([
      Buffer.from(`Content-Type: ${type}; charset=${charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`),
      bytes(body, charset),
      Buffer.from('\r\n'),
    ]);
  let body: Buffer;
  if (spec.html !== undefined) {
    const boundary = `alt-${randomBytes(6).toString('hex')}`;
    lines.push(`Content-Type: multipart/alternative; boundary="${boundary}"`);
    body = Buffer.concat([
      Buffer.from(`--${boundary}\r\n`),
      part('text/plain', spec.text ?? ''),
      Buffer.from(`--${boundary}\r\n`),
      part('text/html', spec.html),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
  } else {
    lines.push(`Content-Type: text/plain; charset=${charset}`, 'Content-Transfer-Encoding: 8bit');
    body = Buffer.concat([bytes(spec.text ?? '', charset), Buffer.from('\r\n')]);
  }
  if (spec.attachments?.length) ({ body } = withAttachments(lines, body, spec.attachments));
  const headerBlock = `${lines.join('\r\n')}\r\n`;
  return { headerBlock, mime: Buffer.concat([Buffer.from(`${headerBlock}\r\n`, 'utf8'), body]), messageId };
}

/** Moves the body's Content-Type lines into a first part of a multipart/mixed, then one base64 part per file. */
function withAttachments(lines: string[], body: Buffer, attachments: InboundAttachmentSpec[]): { body: Buffer } {
  const boundary = `mixed-${randomBytes(6).toString('hex')}`;
  const bodyHeaders = lines.splice(lines.findIndex((l) => l.startsWith('Content-Type:')));
  lines.push(`Content-Type: multipart/mixed; boundary="${boundary}"`);
  const file = (a: InboundAttachmentSpec) =>
    Buffer.from(
      [
        `--${boundary}`,
        `Content-Type: ${a.contentType}; name="${a.filename}"`,
        `Content-Disposition: ${a.contentId ? 'inline' : 'attachment'}; filename="${a.filename}"`,
        ...(a.contentId ? [`Content-ID: <${a.contentId}>`] : []),
        'Content-Transfer-Encoding: base64',
        '',
        (a.content.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n'),
        '',
      ].join('\r\n'),
    );
  return {
    body: Buffer.concat([
      Buffer.from(`--${boundary}\r\n${bodyHeaders.join('\r\n')}\r\n\r\n`),
      body,
      Buffer.from('\r\n'),
      ...attachments.map(file),
      Buffer.from(`--${boundary}--\r\n`),
    ]),
  };
}

/**
 * Encodes fields as SendGrid does: boundary `xYzZY`, one `form-data` part per field, no part
 * Content-Type; then the files, each with its file name and Content-Type.
 */
export function encodeMultipart(
  fields: Record<string, string | Buffer>,
  boundary = SENDGRID_BOUNDARY,
  files: (InboundAttachmentSpec & { field: string })[] = [],
): { contentType: string; body: Buffer } {
  const part = (disposition: string, value: string | Buffer, type?: string) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`,
    ),
    typeof value === 'string' ? Buffer.from(value, 'utf8') : value,
    Buffer.from('\r\n'),
  ];
  const parts = [
    ...Object.entries(fields).flatMap(([name, value]) => part(`name="${name}"`, value)),
    ...files.flatMap((f) => part(`name="${f.field}"; filename="${f.filename}"`, f.content, f.contentType)),
  ];
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
  };
}

export type InboundPayload = {
  mode: InboundMode;
  /** The Message-ID header sent, null when none. */
  messageId: string | null;
  fields: Record<string, string | Buffer>;
  multipart: () => { contentType: string; body: Buffer };
  /** supertest: `payload.post(request(app), secret).expect(200)`. */
  post: (agent: { post(url: string): Test }, secret: string) => Test;
  /** fetch against a running ingest service (the demo). */
  postTo: (baseUrl: string, secret: string, init?: { basicAuth?: string }) => Promise<Response>;
};

/** SendGrid's `attachment-info`: `{"attachment1": {"filename", "name", "type", "content-id"?}}`. */
function attachmentInfo(attachments: InboundAttachmentSpec[]): string {
  const info = attachments.map((a, i) => [
    `attachment${i + 1}`,
    {
      filename: a.filename,
      name: a.filename,
      type: a.contentType,
      ...(a.contentId ? { 'content-id': a.contentId } : {}),
    },
  ]);
  return JSON.stringify(Object.fromEntries(info));
}

/** `SPF` and `dkim` as SendGrid posts them, passing for the From domain unless the spec says otherwise. */
function authenticationFields(spec: InboundMailSpec): Record<string, string> {
  const spf = spec.authentication?.spf === undefined ? 'pass' : spec.authentication.spf;
  const dkim =
    spec.authentication?.dkim === undefined
      ? `{@${addressOf(spec.from).address.split('@')[1]} : pass}`
      : spec.authentication.dkim;
  return { ...(spf === null ? {} : { SPF: spf }), ...(dkim === null ? {} : { dkim }) };
}

/** One received mail as SendGrid would post it, in default (parsed) mode unless `mode: 'raw'`. */
export function inboundPayload(spec: InboundMailSpec, options: { mode?: InboundMode } = {}): InboundPayload {
  const mode = options.mode ?? 'default';
  const charset = spec.charset ?? 'UTF-8';
  const { headerBlock, mime, messageId } = buildMime(spec);
  const from = addressOf(spec.from);
  const envelope = JSON.stringify(
    spec.envelope ?? { to: [...spec.to, ...(spec.cc ?? [])].map((a) => addressOf(a).address), from: from.address },
  );
  const common = {
    from: formatAddress(spec.from, false),
    to: formatList(spec.to, false),
    ...(spec.cc?.length ? { cc: formatList(spec.cc, false) } : {}),
    subject: spec.subject ?? '',
    envelope,
    sender_ip: '203.0.113.7',
    ...authenticationFields(spec),
  };
  const headerCharsets = { to: 'UTF-8', from: 'UTF-8', subject: 'UTF-8', ...(spec.cc?.length ? { cc: 'UTF-8' } : {}) };
  const fields: Record<string, string | Buffer> =
    mode === 'raw'
      ? { ...common, email: mime, charsets: JSON.stringify(headerCharsets) }
      : {
          headers: headerBlock,
          ...(spec.text !== undefined ? { text: bytes(spec.text, charset) } : {}),
          ...(spec.html !== undefined ? { html: bytes(spec.html, charset) } : {}),
          ...common,
          charsets: JSON.stringify({
            ...headerCharsets,
            ...(spec.text !== undefined ? { text: charset } : {}),
            ...(spec.html !== undefined ? { html: charset } : {}),
          }),
          attachments: String(spec.attachments?.length ?? 0),
          ...(spec.attachments?.length ? { 'attachment-info': attachmentInfo(spec.attachments) } : {}),
        };
  const files =
    mode === 'default' ? (spec.attachments ?? []).map((a, i) => ({ ...a, field: `attachment${i + 1}` })) : [];
  const multipart = () => encodeMultipart(fields, SENDGRID_BOUNDARY, files);
  const path = (secret: string) => `/webhooks/sendgrid/inbound/${encodeURIComponent(secret)}`;
  return {
    mode,
    messageId,
    fields,
    multipart,
    post(agent, secret) {
      const { contentType, body } = multipart();
      return agent.post(path(secret)).set('Content-Type', contentType).send(body);
    },
    postTo(baseUrl, secret, init = {}) {
      const { contentType, body } = multipart();
      const headers: Record<string, string> = { 'Content-Type': contentType };
      if (init.basicAuth) headers.Authorization = `Basic ${Buffer.from(init.basicAuth).toString('base64')}`;
      return fetch(`${baseUrl.replace(/\/$/, '')}${path(secret)}`, { method: 'POST', headers, body });
    },
  };
}
