import type { RequestHandler } from 'express';
import multer from 'multer';
import { sendgridInboundSchema } from '@follow-ups/contract';
import { invalid } from '../http/appError';

/** SendGrid caps a received mail at 20 MB (attachments included); leave room for the encoding. */
export const MAX_INBOUND_BYTES = 25 * 1024 * 1024;

const multipart = multer({
  storage: multer.memoryStorage(),
  limits: { fieldSize: MAX_INBOUND_BYTES, fileSize: MAX_INBOUND_BYTES, fields: 64, parts: 256, fieldNameSize: 200 },
  // Attachment files (`attachment1`, …) are drained and dropped: only the mail's fields matter here.
  fileFilter: (_req, _file, keep) => keep(null, false),
  // Field values are kept byte for byte (latin1 maps each byte to one character) so that `text`
  // and `html` can be decoded with the charset SendGrid reports, and a raw `email` keeps its bytes.
  defCharset: 'latin1',
} as multer.Options).any();

/** Reads the multipart body into `req.body`; anything else is a 400 and nothing is written. */
export const readMultipart: RequestHandler = (req, res, next) => {
  if (!req.is('multipart/form-data')) {
    return next(invalid('expected multipart/form-data, as SendGrid Inbound Parse posts', [{ path: 'headers.content-type', message: 'must be multipart/form-data' }]));
  }
  if (Number(req.header('content-length') ?? 0) > MAX_INBOUND_BYTES) return next(invalid(`the body is larger than ${MAX_INBOUND_BYTES} bytes`));
  multipart(req, res, (err?: unknown) => (err ? next(invalid(`unreadable multipart body: ${(err as Error).message}`)) : next()));
};

// `from`/`to` are required by the declared schema, but a raw post may leave them to the MIME
// message and a Bcc'd mail has no To: the mode rule below is what makes a post unusable.
const inboundFieldsSchema = sendgridInboundSchema.partial({ from: true, to: true }).superRefine((fields, ctx) => {
  if (!fields.email && !(fields.headers && fields.from)) {
    ctx.addIssue({ code: 'custom', path: ['email'], message: 'either `email` (raw mode) or `headers` and `from` (default mode) is required' });
  }
});

export type Envelope = { to: string[]; from: string | null };

/** An authenticated Inbound Parse post, decoded. */
export type InboundPost =
  | { mode: 'raw'; email: Buffer; envelope: Envelope; to?: string; cc?: string }
  | { mode: 'default'; headers: string; text?: string; html?: string; from: string; to?: string; cc?: string; envelope: Envelope };

/** The bytes a field was sent with (a part that declared its charset arrives already decoded). */
function bytesOf(value: string): Buffer {
  return /[\u0100-\uffff]/.test(value) ? Buffer.from(value, 'utf8') : Buffer.from(value, 'latin1');
}

function decode(value: string | undefined, charset = 'utf-8'): string | undefined {
  if (value === undefined) return undefined;
  try {
    return new TextDecoder(charset).decode(bytesOf(value));
  } catch {
    return new TextDecoder('utf-8').decode(bytesOf(value));
  }
}

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

/** Validates `req.body` against the contract schema and decodes it; 400 with issues otherwise. */
export function inboundPostOf(body: unknown): InboundPost {
  const result = inboundFieldsSchema.safeParse(body ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message }));
    throw invalid('the body is not a SendGrid Inbound Parse post', issues);
  }
  const fields = result.data;
  const envelope = envelopeOf(decode(fields.envelope));
  const [to, cc] = [decode(fields.to), decode(fields.cc)];
  if (fields.email) return { mode: 'raw', email: bytesOf(fields.email), envelope, to, cc };
  // SendGrid converts headers to UTF-8; the bodies keep their own charset, named in `charsets`.
  const charsets = parseJson<Record<string, string>>(decode(fields.charsets));
  return {
    mode: 'default',
    headers: decode(fields.headers)!,
    text: decode(fields.text, charsets.text),
    html: decode(fields.html, charsets.html),
    from: decode(fields.from)!,
    to,
    cc,
    envelope,
  };
}
