import { z } from 'zod';
import { addressSchema, idSchema, unixTimeInputSchema, unixTimeSchema } from './common';

export const draftStatusSchema = z.enum(['scheduled', 'sending', 'sent', 'discarded', 'failed', 'unknown']);
export type DraftStatus = z.infer<typeof draftStatusSchema>;

/** `followup`: scheduled by a rule; `scheduled_send`: `send_at`; `sent_now`: `send: true`. */
export const draftKindSchema = z.enum(['followup', 'scheduled_send', 'sent_now']);
export type DraftKind = z.infer<typeof draftKindSchema>;

const draftFieldsSchema = z.object({
  subject: z.string().optional().describe('Required unless `conversation` is given (a reply keeps the thread subject)'),
  body: z.string().min(1).describe('HTML or plain text'),
  from_field: addressSchema,
  to_fields: z.array(addressSchema).min(1),
  cc_fields: z.array(addressSchema).optional(),
  bcc_fields: z.array(addressSchema).optional(),
  references: z.array(z.string().min(1)).optional().describe('Message-IDs this message replies to'),
  conversation: idSchema.optional().describe('Append to this conversation instead of starting one'),
  team: idSchema.optional(),
  organization: idSchema.optional(),
  add_shared_labels: z.array(idSchema).optional(),
  send: z.boolean().optional().describe('Send right away; outgoing rules run on the sent message'),
  send_at: unixTimeInputSchema.optional().describe('Schedule the send (unix seconds)'),
  auto_followup: z
    .boolean()
    .optional()
    .describe("With `send_at`: cancel the scheduled send if a reply arrives first (Missive's auto follow-up)"),
});

/** The `drafts` object of `POST /v1/drafts`. */
export const createDraftSchema = draftFieldsSchema.superRefine((draft, ctx) => {
  if (draft.send === true && draft.send_at !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['send_at'], message: '`send` and `send_at` are mutually exclusive' });
  }
  if (draft.send !== true && draft.send_at === undefined) {
    ctx.addIssue({ code: 'custom', path: ['send'], message: 'set `send: true` or give `send_at`' });
  }
  if (draft.auto_followup === true && draft.send_at === undefined) {
    ctx.addIssue({ code: 'custom', path: ['auto_followup'], message: '`auto_followup` requires `send_at`' });
  }
  if (draft.conversation === undefined && !draft.subject?.trim()) {
    ctx.addIssue({ code: 'custom', path: ['subject'], message: '`subject` is required unless `conversation` is given' });
  }
});
export type CreateDraft = z.infer<typeof createDraftSchema>;

export const createDraftBodySchema = z.object({ drafts: createDraftSchema });
export type CreateDraftBody = z.infer<typeof createDraftBodySchema>;

/** A message to be sent: scheduled, in flight, sent, discarded or failed. */
export const draftSchema = z.object({
  id: idSchema,
  conversation: idSchema,
  status: draftStatusSchema,
  kind: draftKindSchema,
  send_at: unixTimeSchema.nullable().optional(),
  sent_at: unixTimeSchema.nullable().optional(),
  message: idSchema.nullable().optional().describe('The sent message, once sent'),
  step: z.number().int().positive().nullable().optional().describe('Position in the follow-up sequence (1-based)'),
  rule: idSchema.nullable().optional().describe('The rule that scheduled this follow-up'),
  response: idSchema.nullable().optional().describe('The canned response it renders'),
  reason: z.string().nullable().optional().describe('Why it was discarded or failed'),
  auto_followup: z.boolean().optional(),
});
export type Draft = z.infer<typeof draftSchema>;
