import type { RequestHandler } from 'express';
import { sendgridInboundSchema } from '@follow-ups/contract';
import type { DroppedAttachment } from '@follow-ups/db';
import { invalid } from '../http/appError';
import type { SpooledAttachment } from './attachmentBudget';
import type { SpooledFile } from './spool';
import { MAX_INBOUND_BYTES, readUpload, tooLarge, type InboundUpload } from './upload';

/**
 * Reads the multipart body into `req.body` (an InboundUpload; its files are removed once the
 * response is sent). Not multipart is a 400, a body over MAX_INBOUND_BYTES a 413 (refused before
 * reading when Content-Length says so), and nothing is written.
 */
export const readMultipart: RequestHandler = (req, res, next) => {
  if (!req.is('multipart/form-data')) {
    return next(
      invalid('expected multipart/form-data, as SendGrid Inbound Parse posts', [
        { path: 'headers.content-type', message: 'must be multipart/form-data' },
      ]),
    );
  }
  if (Number(req.header('content-length') ?? 0) > MAX_INBOUND_BYTES) return next(tooLarge());
  readUpload(req).then((upload) => {
    res.on('close', () => void upload.discard());
    req.body = upload;
    next();
  }, next);
};

// The mail's content fields arrive as files (upload.parts). `from`/`to` are required by the
// declared schema, but a raw post may leave them to the MIME message and a Bcc'd mail has no To.
const smallFieldsSchema = sendgridInboundSchema
  .omit({ email: true, headers: true, text: true, html: true })
  .partial({ from: true, to: true });

export type Envelope = { to: string[]; from: string | null };

/** `spf` and `dkim`: what SendGrid checked about the sender (see authenticity.ts). */
type PostCommon = {
  envelope: Envelope;
  from?: string;
  to?: string;
  cc?: string;
  subject?: string;
  spf?: string;
  dkim?: string;
};
/** An authenticated Inbound Parse post, decoded; the mail's content stays on disk. */
export type InboundPost = PostCommon &
  (
    | { mode: 'raw'; email: SpooledFile }
    | {
        mode: 'default';
        headers: SpooledFile;
        text?: SpooledFile;
        html?: SpooledFile;
        charsets: Record<string, string>;
        attachments: SpooledAttachment[];
        droppedAttachments: DroppedAttachment[];
      }
  );

/** The bytes a field was sent with (a part that declared its charset arrives already decoded). */
function bytesOf(value: string): Buffer {
  return /[\u0100-\uffff]/.test(value) ? Buffer.from(value, 'utf8') : Buffer.from(value, 'latin1');
}

/** Text in the named charset, UTF-8 when the charset is unknown. */
export function decodeBytes(bytes: Buffer, charset = 'utf-8'): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const decode = (value: string | undefined, charset?: string) =>
  value === undefined ? undefined : decodeBytes(bytesOf(value), charset);

function parseJson<T>(value: string | undefined): Partial<T> {
  try {
    const parsed = value ? JSON.parse(value) : {};
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

function envelopeOf(value: string | undefined): Envelope {
  const raw = parseJson<{ to: unknown; from: unknown }>(value);
  const to = Array.isArray(raw.to) ? raw.to.filter((a): a is string => typeof a === 'string') : [];
  return { to, from: typeof raw.from === 'string' ? raw.from : null };
}

type AttachmentInfo = Record<string, { filename?: unknown; type?: unknown; 'content-id'?: unknown }>;
const stringOr = (value: unknown, fallback: string) =>
  typeof value === 'string' && value.trim() ? value.trim() : fallback;

/** Names, types and Content-IDs from `attachment-info`, which SendGrid sends beside the files. */
function describedAttachments(upload: InboundUpload, infoField: string | undefined): SpooledAttachment[] {
  const info = parseJson<AttachmentInfo>(decode(infoField));
  return upload.attachments.kept.map(({ field, ...file }) => {
    const described = (field && info[field]) || {};
    const contentId = stringOr(described['content-id'], '').replace(/^<|>$/g, '');
    return {
      ...file,
      filename: stringOr(described.filename, decode(file.filename) ?? ''),
      contentType: stringOr(described.type, file.contentType),
      ...(contentId ? { contentId, inline: true } : {}),
    };
  });
}

const isUpload = (body: unknown): body is InboundUpload =>
  typeof body === 'object' && body !== null && 'fields' in body && 'parts' in body && 'attachments' in body;

/** Validates the upload against the contract schema and decodes its small fields; 400 with issues otherwise. */
export function inboundPostOf(upload: unknown): InboundPost {
  if (!isUpload(upload)) throw invalid('the body is not a SendGrid Inbound Parse post');
  const result = smallFieldsSchema.safeParse(upload.fields);
  const issues = result.success
    ? []
    : result.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message }));
  if (result.success && !upload.parts.email && !(upload.parts.headers && result.data.from)) {
    issues.push({
      path: 'body.email',
      message: 'either `email` (raw mode) or `headers` and `from` (default mode) is required',
    });
  }
  if (!result.success || issues.length > 0) throw invalid('the body is not a SendGrid Inbound Parse post', issues);
  const fields = result.data;
  const common: PostCommon = {
    envelope: envelopeOf(decode(fields.envelope)),
    from: decode(fields.from),
    to: decode(fields.to),
    cc: decode(fields.cc),
    subject: decode(fields.subject),
    spf: decode(fields.SPF),
    dkim: decode(fields.dkim),
  };
  if (upload.parts.email) return { ...common, mode: 'raw', email: upload.parts.email };
  // SendGrid converts headers to UTF-8; the bodies keep their own charset, named in `charsets`.
  const { headers, text, html } = upload.parts;
  return {
    ...common,
    mode: 'default',
    headers: headers!,
    text,
    html,
    charsets: parseJson<Record<string, string>>(decode(fields.charsets)) as Record<string, string>,
    attachments: describedAttachments(upload, fields['attachment-info'] as string | undefined),
    droppedAttachments: upload.attachments.dropped.map((d) => ({ ...d, filename: decode(d.filename) ?? '' })),
  };
}
