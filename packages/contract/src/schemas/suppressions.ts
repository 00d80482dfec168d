import { z } from 'zod';
import { emailAddressSchema, unixTimeSchema } from './common';
import { SUPPRESSION_REASONS, SUPPRESSION_SOURCES } from '@follow-ups/vocabulary';

/** `bounced`, `dropped`, `spam_report`, `unsubscribed` come from SendGrid or the recipient; `manual` from the API. */
export const suppressionReasonSchema = z.enum(SUPPRESSION_REASONS);
export type SuppressionReason = z.infer<typeof suppressionReasonSchema>;
export const suppressionSourceSchema = z.enum(SUPPRESSION_SOURCES);

/** An address nothing is sent to any more: no API send, scheduled send or follow-up. */
export const suppressionSchema = z.object({
  address: z.string().describe('Lowercased'),
  reason: suppressionReasonSchema,
  source: suppressionSourceSchema,
  detail: z.string().nullable().describe("What the provider or the person said, e.g. the bounce's SMTP answer"),
  created_at: unixTimeSchema,
});
export type Suppression = z.infer<typeof suppressionSchema>;

export const suppressionsListSchema = z.object({ suppressions: z.array(suppressionSchema) });
export type SuppressionsList = z.infer<typeof suppressionsListSchema>;

export const listSuppressionsQuerySchema = z.object({
  address: emailAddressSchema.optional().describe('Only this address (any case)'),
  reason: suppressionReasonSchema.optional(),
});
export type ListSuppressionsQuery = z.infer<typeof listSuppressionsQuerySchema>;

export const createSuppressionsBodySchema = z.object({
  suppressions: z
    .array(
      z.object({
        address: emailAddressSchema,
        reason: suppressionReasonSchema.default('manual'),
        detail: z.string().max(1000).optional(),
      }),
    )
    .min(1)
    .max(1000),
});
export type CreateSuppressionsBody = z.infer<typeof createSuppressionsBodySchema>;
