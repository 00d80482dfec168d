import { lookup } from 'mime-types';
import type { Attachment, AttachmentInput } from '@follow-ups/contract';
import type { MailAttachment } from '@follow-ups/mailer';

/** Missive's `[{ base64_data, filename }]` as files to send; the content type comes from the file name. */
export function decodeAttachments(input: AttachmentInput[] | undefined): MailAttachment[] {
  return (input ?? []).map((a) => ({
    filename: a.filename.trim(),
    contentType: lookup(a.filename) || 'application/octet-stream',
    content: Buffer.from(a.base64_data, 'base64'),
  }));
}

/** The files as responses list them (no content). */
export function describeAttachments(
  files: readonly { filename: string; contentType: string; content?: Buffer; size?: number }[],
): Attachment[] {
  return files.map((f) => ({
    filename: f.filename,
    content_type: f.contentType,
    size: f.size ?? f.content?.length ?? 0,
  }));
}
