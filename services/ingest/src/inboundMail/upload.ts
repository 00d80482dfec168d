// Reads an Inbound Parse multipart body as it arrives: small fields as strings, the mail's
// content (`email`, `headers`, `text`, `html`) and attachment files to temporary files.
import { join } from 'node:path';
import type { Request } from 'express';
import Busboy, { type BusboyHeaders } from '@fastify/busboy';
import { AppError, invalid } from '../http/appError';
import { AttachmentBudget } from './attachmentBudget';
import { spool, spoolDirectory, type SpooledFile } from './spool';

/** SendGrid accepts mail up to 30 MB in total; the post may be a little larger. */
export const MAX_INBOUND_BYTES = 32 * 1024 * 1024;
const SMALL_FIELD_BYTES = 1024 * 1024;
const SPOOLED_FIELDS = new Set(['email', 'headers', 'text', 'html']);

export type InboundUpload = {
  /** Small fields, each value's bytes kept one per character (latin1). */
  fields: Record<string, string>;
  /** `email`, `headers`, `text`, `html` when present, on disk. */
  parts: Partial<Record<'email' | 'headers' | 'text' | 'html', SpooledFile>>;
  /** Attachment files (kept ones carry their part's `field` name), in order, and those dropped. */
  attachments: AttachmentBudget;
  discard: () => Promise<void>;
};

export const tooLarge = () => new AppError('payload_too_large', `the body is larger than ${MAX_INBOUND_BYTES} bytes`);

/**
 * Streams the body through busboy. Rejects with 413 past MAX_INBOUND_BYTES (counted as bytes
 * arrive, whatever Content-Length said) and 400 for a body that is not well-formed multipart.
 */
export async function readUpload(req: Request): Promise<InboundUpload> {
  const { dir, discard } = await spoolDirectory();
  const upload: InboundUpload = { fields: {}, parts: {}, attachments: new AttachmentBudget(), discard };
  try {
    await new Promise<void>((resolve, reject) => {
      let parser: ReturnType<typeof Busboy>;
      try {
        parser = Busboy({
          headers: req.headers as BusboyHeaders,
          defCharset: 'latin1',
          isPartAFile: (field, _type, filename) => filename !== undefined || SPOOLED_FIELDS.has(field ?? ''),
          limits: { fieldSize: SMALL_FIELD_BYTES, fields: 200, fieldNameSize: 200, headerPairs: 100 },
        });
      } catch (error) {
        // No boundary, or a content type busboy cannot read: the body cannot be multipart.
        req.resume();
        return reject(invalid(`unreadable multipart body: ${(error as Error).message}`));
      }
      const writes: Promise<unknown>[] = [];
      let received = 0;
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        req.unpipe(parser);
        req.resume();
        reject(error);
      };
      // A part that ends early (a truncated body) fails its stream: that is a 400, never an unhandled rejection.
      const write = (spooling: Promise<unknown>) =>
        writes.push(spooling.catch((error: Error) => fail(invalid(`unreadable multipart body: ${error.message}`))));
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_INBOUND_BYTES) fail(tooLarge());
      });
      req.on('aborted', () => fail(invalid('the request was aborted')));
      parser.on('field', (name, value) => {
        upload.fields[name] ??= value;
      });
      parser.on('file', (field, stream, filename, _encoding, mimeType) => {
        const path = join(dir, String(writes.length));
        if (filename === undefined) {
          const name = field as keyof InboundUpload['parts'];
          if (upload.parts[name]) return void stream.resume();
          write(spool(stream, path).then((file) => (upload.parts[name] = file)));
          return;
        }
        const { index, accept } = upload.attachments.open();
        write(
          spool(stream, path, accept).then((file) =>
            upload.attachments.settle(index, { field, filename, contentType: mimeType }, file),
          ),
        );
      });
      parser.on('error', (error: unknown) => fail(invalid(`unreadable multipart body: ${(error as Error).message}`)));
      parser.on('finish', () => {
        Promise.all(writes).then(() => {
          if (settled) return;
          settled = true;
          resolve();
        }, fail);
      });
      req.pipe(parser);
    });
    return upload;
  } catch (error) {
    await discard();
    throw error;
  }
}
