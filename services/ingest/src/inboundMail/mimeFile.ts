// Streams a raw MIME message from disk through mailparser, attachments to disk within the bounds.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { MailParser, type AttachmentStream, type HeaderLines, type Headers, type MailParserOptions } from 'mailparser';
import type { DroppedAttachment } from '@follow-ups/db';
import { AttachmentBudget, type SpooledAttachment } from './attachmentBudget';
import { spool, type SpooledFile } from './spool';

/** The largest header block of one MIME part (mailparser's own default, stated). */
export const MAX_HEADER_BYTES = 1024 * 1024;
/** Most MIME parts in one message: bounds the nesting depth too (a 2,000-deep message is refused). */
export const MAX_MIME_PARTS = 250;
/** The most characters of text, and of HTML, a Message keeps (HTML past it is not turned into text). */
export const MAX_BODY_CHARS = 1_000_000;

export const MAILPARSER_LIMITS: MailParserOptions = {
  maxHeadSize: MAX_HEADER_BYTES,
  maxChildNodes: MAX_MIME_PARTS,
  maxHtmlLengthToParse: MAX_BODY_CHARS,
  skipTextToHtml: true,
  // mailparser would run html-to-text on the event loop (a 1 MB one-row table took seconds): an
  // HTML-only mail gets its text from the domain's bounded htmlToPlainText in parse.ts instead.
  skipHtmlToText: true,
  skipImageLinks: true,
  checksumAlgo: false,
};

export type ParsedMime = {
  headers: Headers;
  headerLines: HeaderLines;
  text?: string;
  html?: string;
  attachments: SpooledAttachment[];
  droppedAttachments: DroppedAttachment[];
};

/** What mailparser could not parse (too many parts, too large a header, …), with its reason. */
export class UnparseableMime extends Error {}

function metaOf(attachment: AttachmentStream) {
  const inline = attachment.related === true || attachment.contentDisposition === 'inline';
  return {
    filename: attachment.filename ?? '',
    contentType: attachment.contentType || 'application/octet-stream',
    ...(attachment.cid ? { contentId: attachment.cid } : {}),
    inline,
  };
}

/** Parses the message in `file`; attachments are written beside it in `dir`. Rejects with UnparseableMime. */
export function parseMimeFile(file: SpooledFile, dir: string): Promise<ParsedMime> {
  return new Promise((resolve, reject) => {
    const parser = new MailParser(MAILPARSER_LIMITS);
    const input = createReadStream(file.path);
    const budget = new AttachmentBudget();
    const writes: Promise<void>[] = [];
    let headers: Headers = new Map();
    let headerLines: HeaderLines = [];
    let body: { text?: string; html?: string } = {};
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      input.unpipe(parser);
      input.destroy();
      const message = error instanceof Error ? error.message : String(error);
      reject(new UnparseableMime(`mailparser: ${message}`));
    };
    parser.on('headers', (h) => (headers = h));
    parser.on('headerLines', (lines) => (headerLines = lines));
    parser.on('data', (data) => {
      if (data.type === 'text') {
        body = { text: data.text, html: data.html };
        return;
      }
      const { index, accept } = budget.open();
      const written = spool(data.content, join(dir, `mime-attachment-${index}`), accept)
        .then((spooled) => budget.settle(index, metaOf(data), spooled))
        .finally(() => data.release?.());
      writes.push(written);
    });
    parser.on('error', fail);
    input.on('error', fail);
    parser.on('end', () => {
      Promise.all(writes).then(() => {
        if (settled) return;
        settled = true;
        resolve({ headers, headerLines, ...body, attachments: budget.kept, droppedAttachments: budget.dropped });
      }, fail);
    });
    input.pipe(parser);
  });
}
