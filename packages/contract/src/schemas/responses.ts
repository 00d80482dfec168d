// Missive calls canned responses "responses"; the names here say "canned response" so they do
// not shadow the fetch/express `Response` types where they are imported.
import { z } from 'zod';
import { subjectTemplateSchema, idSchema, nonBlankSchema, unixTimeSchema } from './common';
import { BATCH_MAX, SUBJECT_MAX } from './limits';
import { attachmentSchema, attachmentsInputSchema } from './attachments';

/** A canned response; `body` (and `subject`) are Liquid templates with `recipient` and `user`. */
export const cannedResponseSchema = z.object({
  id: idSchema,
  title: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  attachments: z.array(attachmentSchema).describe('Files every follow-up that sends it carries'),
  created_at: unixTimeSchema,
  modified_at: unixTimeSchema,
});
export type CannedResponse = z.infer<typeof cannedResponseSchema>;

export const createCannedResponseSchema = z.object({
  title: nonBlankSchema.max(200),
  subject: subjectTemplateSchema(SUBJECT_MAX).optional().describe('Omit to reply in the thread with its own subject'),
  body: nonBlankSchema.describe("Liquid template, e.g. `Hi {{ recipient.first_name | default: 'there' }}`"),
  attachments: attachmentsInputSchema
    .optional()
    .describe(
      'Files each follow-up that sends it includes (`[{ base64_data, filename }]`); on update they replace the previous ones',
    ),
});
export type CreateCannedResponse = z.infer<typeof createCannedResponseSchema>;

export const createCannedResponsesBodySchema = z.object({
  responses: z.array(createCannedResponseSchema).min(1).max(BATCH_MAX),
});
export type CreateCannedResponsesBody = z.infer<typeof createCannedResponsesBodySchema>;

export const updateCannedResponseSchema = createCannedResponseSchema
  .extend({ subject: subjectTemplateSchema(SUBJECT_MAX).nullable().optional().describe('`null` clears the subject') })
  .partial()
  .refine((fields) => Object.values(fields).some((value) => value !== undefined), {
    message: 'give at least one of `title`, `subject`, `body`, `attachments`',
  });
export type UpdateCannedResponse = z.infer<typeof updateCannedResponseSchema>;

export const updateCannedResponseBodySchema = z.object({ responses: updateCannedResponseSchema });
export type UpdateCannedResponseBody = z.infer<typeof updateCannedResponseBodySchema>;

export const cannedResponsesListSchema = z.object({ responses: z.array(cannedResponseSchema) });
export type CannedResponsesList = z.infer<typeof cannedResponsesListSchema>;
