import { z } from 'zod';
import { addressSchema, headerTextSchema, idSchema, unixTimeInputSchema, unixTimeSchema } from './common';
import { timeZoneSchema } from './sending';
import { BODY_MAX, LIST_MAX, MESSAGE_ID_MAX, RECIPIENTS_MAX, SEND_AT_MAX_DAYS_AHEAD, SUBJECT_MAX } from './limits';
import { DRAFT_STATUSES } from '@follow-ups/vocabulary';

export const draftStatusSchema = z.enum(DRAFT_STATUSES);
export type DraftStatus = z.infer<typeof draftStatusSchema>;

/** `followup`: scheduled by a rule; `scheduled_send`: `send_at`; `sent_now`: `send: true`. */
export const draftKindSchema = z.enum(['followup', 'scheduled_send', 'sent_now']);
export type DraftKind = z.infer<typeof draftKindSchema>;

/** An RFC 5322 Message-ID with its angle brackets, in printable ASCII: safe in a header. */
export const messageIdSchema = z
  .string()
  .max(MESSAGE_ID_MAX)
  .regex(/^<[\x21-\x3b\x3d\x3f-\x7e]+>$/, 'expected a Message-ID such as <id@example.com>');

const recipientsSchema = z.array(addressSchema).max(RECIPIENTS_MAX);

const draftFieldsSchema = z.object({
  subject: headerTextSchema(SUBJECT_MAX).optional().describe('Required unless `conversation` is given (a reply keeps the thread subject)'),
  body: z.string().min(1).max(BODY_MAX).describe('HTML or plain text, with visible text (not only tags, images or spaces)'),
  from_field: addressSchema,
  to_fields: z
    .array(addressSchema.extend({ time_zone: timeZoneSchema.optional().describe("The recipient's IANA zone, kept on its contact for sending windows") }))
    .max(RECIPIENTS_MAX)
    .min(1),
  cc_fields: recipientsSchema.optional(),
  bcc_fields: recipientsSchema.optional(),
  references: z.array(messageIdSchema).max(LIST_MAX).optional().describe('Message-IDs this message replies to'),
  conversation: idSchema.optional().describe('Append to this conversation instead of starting one'),
  team: idSchema.optional(),
  organization: idSchema.optional(),
  add_shared_labels: z.array(idSchema).max(LIST_MAX).optional(),
  send: z.boolean().optional().describe('Send right away; outgoing rules run on the sent message'),
  send_at: unixTimeInputSchema.optional().describe(`Schedule the send (unix seconds): in the future, at most ${SEND_AT_MAX_DAYS_AHEAD} days ahead`),
  auto_followup: z
    .boolean()
    .optional()
    .describe("With `send_at`: cancel the scheduled send if a reply arrives first (Missive's auto follow-up)"),
});

/** The `drafts` object of `POST /v1/drafts`. */
export const createDraftSchema = draftFieldsSchema.superRefine((draft, ctx) => {
  let recipients = 0;
  for (const field of ['to_fields', 'cc_fields', 'bcc_fields'] as const) {
    const before = recipients;
    recipients += draft[field]?.length ?? 0;
    if (before <= RECIPIENTS_MAX && recipients > RECIPIENTS_MAX) {
      ctx.addIssue({ code: 'custom', path: [field], message: `to, cc and bcc hold at most ${RECIPIENTS_MAX} recipients together (SendGrid's limit)` });
    }
  }
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
