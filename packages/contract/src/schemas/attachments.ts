// Files sent with a draft or a canned response, Missive's way: `[{ base64_data, filename }]`.
import { z } from 'zod';
import { headerTextSchema } from './common';
import { ATTACHMENTS_BYTES_MAX, ATTACHMENTS_MAX, FILENAME_MAX } from './limits';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MB = 1024 * 1024;

/** Bytes the base64 text decodes to. */
export const decodedBytes = (base64: string) =>
  Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);

export const attachmentInputSchema = z
  .object({
    base64_data: z
      .string()
      .min(1)
      .refine(
        (data) => data.length % 4 === 0 && BASE64.test(data),
        'expected standard base64 (A–Z, a–z, 0–9, +, /, padded with =)',
      ),
    filename: headerTextSchema(FILENAME_MAX)
      .refine((name) => /\S/.test(name), 'must not be empty')
      .refine((name) => !/[\\/]/.test(name), 'must be a file name, without / or \\')
      .describe('The content type sent is derived from its extension'),
  })
  .strict();
export type AttachmentInput = z.infer<typeof attachmentInputSchema>;

export const attachmentsInputSchema = z
  .array(attachmentInputSchema)
  .max(ATTACHMENTS_MAX, `at most ${ATTACHMENTS_MAX} attachments (Missive's limit)`)
  .superRefine((files, ctx) => {
    const bytes = files.reduce((sum, f) => sum + decodedBytes(f.base64_data), 0);
    if (bytes > ATTACHMENTS_BYTES_MAX) {
      ctx.addIssue({
        code: 'custom',
        message: `attachments hold at most ${ATTACHMENTS_BYTES_MAX / MB} MB in all, decoded (Missive's limit); these hold ${(bytes / MB).toFixed(1)} MB`,
      });
    }
  })
  .describe(`Up to ${ATTACHMENTS_MAX} files, ${ATTACHMENTS_BYTES_MAX / MB} MB in all once decoded`);

/** A stored attachment, as responses list it (without its content). */
export const attachmentSchema = z.object({
  filename: z.string(),
  content_type: z.string(),
  size: z.number().int().nonnegative(),
});
export type Attachment = z.infer<typeof attachmentSchema>;
