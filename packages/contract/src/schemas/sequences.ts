import { z } from 'zod';
import { emailAddressSchema, idSchema, unixTimeSchema } from './common';
import { PAGE_TOKEN_MAX } from './limits';
import { draftStatusSchema } from './drafts';
import { SEQUENCE_STATUSES } from '@follow-ups/vocabulary';

export const sequenceStatusSchema = z.enum(SEQUENCE_STATUSES);
export type SequenceStatus = z.infer<typeof sequenceStatusSchema>;

/** A Temporal workflow id, e.g. `followups-<organization>-<conversation>`. */
export const sequenceIdSchema = z.string().min(1).max(255);

export const sequenceStepSchema = z.object({
  step: z.number().int().positive(),
  draft: idSchema,
  response: idSchema,
  send_at: unixTimeSchema.describe('When it goes (or went): inside the sending window'),
  nominal_send_at: unixTimeSchema
    .nullable()
    .optional()
    .describe('Initial email + delay, when the window, a cap or a pause moved it'),
  status: draftStatusSchema,
  reason: z.string().nullable().optional(),
});
export type SequenceStep = z.infer<typeof sequenceStepSchema>;

/** The follow-up sequence of one conversation (one Temporal workflow). */
export const sequenceSchema = z.object({
  id: sequenceIdSchema.describe('Temporal workflow id'),
  conversation: idSchema,
  organization: idSchema,
  rule: idSchema.nullable(),
  sender: z.string(),
  recipient: z.string(),
  status: sequenceStatusSchema,
  next_follow_up_at: unixTimeSchema.nullable(),
  follow_ups_sent: z.number().int().nonnegative(),
  reason: z.string().nullable().optional().describe('Why it is paused (out of office) or how it ended'),
  resumes_at: unixTimeSchema
    .nullable()
    .optional()
    .describe('Paused by an out-of-office reply: when it resumes by itself'),
  steps: z.array(sequenceStepSchema),
  started_at: unixTimeSchema,
  closed_at: unixTimeSchema.nullable(),
});
export type Sequence = z.infer<typeof sequenceSchema>;

/** A sequence in a list: `steps` may be left out. */
export const sequenceSummarySchema = sequenceSchema.extend({ steps: z.array(sequenceStepSchema).optional() });
export type SequenceSummary = z.infer<typeof sequenceSummarySchema>;

export const listSequencesQuerySchema = z.object({
  status: sequenceStatusSchema.optional(),
  rule: idSchema.optional(),
  sender: emailAddressSchema.optional(),
  recipient: emailAddressSchema.optional(),
  conversation: idSchema.optional(),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
  page_token: z
    .string()
    .max(PAGE_TOKEN_MAX)
    .regex(/^[A-Za-z0-9_-]+$/, 'expected the `next_page_token` of a previous page')
    .optional()
    .describe('`next_page_token` of the previous page (same filters)'),
});
export type ListSequencesQuery = z.infer<typeof listSequencesQuerySchema>;

export const sequencesPageSchema = z.object({
  sequences: z.array(sequenceSummarySchema),
  next_page_token: z.string().nullable(),
});
export type SequencesPage = z.infer<typeof sequencesPageSchema>;

export const sequenceEnvelopeSchema = z.object({ sequences: sequenceSchema });

export const stopSequenceBodySchema = z.object({ reason: z.string().trim().min(1).max(500).optional() });
export type StopSequenceBody = z.infer<typeof stopSequenceBodySchema>;

export const emptyBodySchema = z.object({});
