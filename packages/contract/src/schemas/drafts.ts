import { z } from 'zod';
import { addressSchema, headerTextSchema, idSchema, unixTimeInputSchema, unixTimeSchema } from './common';
import { timeZoneSchema } from './directory';
import { attachmentSchema, attachmentsInputSchema } from './attachments';
import {
  phoneNumberRefused,
  refuseUnsupportedDraftFields,
  unsupportedDraftFieldSchemas,
} from './unsupportedDraftFields';
import { BODY_MAX, LIST_MAX, MESSAGE_ID_MAX, RECIPIENTS_MAX, SEND_AT_MAX_DAYS_AHEAD, SUBJECT_MAX } from './limits';
import { DRAFT_STATUSES } from '@follow-ups/vocabulary';

/** `draft`: saved without `send`/`send_at`, sent only when asked (`POST /v1/drafts/:id/send`); the others are a Draft's. */
export const draftStatusSchema = z.enum(['draft', ...DRAFT_STATUSES]);
export type DraftStatus = z.infer<typeof draftStatusSchema>;

/** `followup`: scheduled by a rule; `scheduled_send`: `send_at`; `sent_now`: `send: true`; `saved`: neither. */
export const draftKindSchema = z.enum(['followup', 'scheduled_send', 'sent_now', 'saved']);
export type DraftKind = z.infer<typeof draftKindSchema>;

/** An RFC 5322 Message-ID with its angle brackets, in printable ASCII: safe in a header. */
export const messageIdSchema = z
  .string()
  .max(MESSAGE_ID_MAX)
  .regex(/^<[\x21-\x3b\x3d\x3f-\x7e]+>$/, 'expected a Message-ID such as <id@example.com>');

/** An email address; Missive's `phone_number` (SMS, WhatsApp) is refused by name. */
const draftAddressSchema = addressSchema.extend({ phone_number: phoneNumberRefused });
const recipientsSchema = z.array(draftAddressSchema).max(RECIPIENTS_MAX);

const draftFieldsSchema = z
  .object({
    subject: headerTextSchema(SUBJECT_MAX)
      .optional()
      .describe('Required unless `conversation` is given (a reply keeps the thread subject)'),
    body: z
      .string()
      .min(1)
      .max(BODY_MAX)
      .describe('HTML or plain text, with visible text (not only tags, images or spaces)'),
    from_field: draftAddressSchema,
    to_fields: z
      .array(
        draftAddressSchema.extend({
          time_zone: timeZoneSchema
            .optional()
            .describe("The recipient's IANA zone, kept on its contact for sending windows"),
        }),
      )
      .max(RECIPIENTS_MAX)
      .min(1),
    cc_fields: recipientsSchema.optional(),
    bcc_fields: recipientsSchema.optional(),
    attachments: attachmentsInputSchema.optional(),
    references: z
      .array(messageIdSchema)
      .max(LIST_MAX)
      .optional()
      .describe(
        "Message-IDs this message replies to: without `conversation`, it is appended to the organization's conversation holding one of them (else a new one)",
      ),
    conversation: idSchema.optional().describe('Append to this conversation instead of starting one'),
    team: idSchema
      .optional()
      .describe("The new conversation's team; ignored for an existing conversation unless `force_team`"),
    force_team: z.boolean().optional().describe('Move an existing conversation to `team`'),
    organization: idSchema.optional(),
    add_shared_labels: z.array(idSchema).max(LIST_MAX).optional(),
    remove_shared_labels: z.array(idSchema).max(LIST_MAX).optional(),
    conversation_subject: headerTextSchema(SUBJECT_MAX)
      .optional()
      .describe("The conversation's subject (not the mail's)"),
    close: z.boolean().optional().describe('Close the conversation once sent'),
    quote_previous_message: z
      .boolean()
      .optional()
      .describe(
        'Quote the message this one replies to below the body ("On <date>, <name> wrote:"), as mail clients do',
      ),
    send: z
      .boolean()
      .optional()
      .describe(
        'Send right away; outgoing rules run on the sent message. Without `send` and `send_at` the draft is saved, not sent',
      ),
    send_at: unixTimeInputSchema
      .optional()
      .describe(`Schedule the send (unix seconds): in the future, at most ${SEND_AT_MAX_DAYS_AHEAD} days ahead`),
    auto_followup: z
      .boolean()
      .optional()
      .describe("With `send_at`: cancel the scheduled send if a reply arrives first (Missive's auto follow-up)"),
    ...unsupportedDraftFieldSchemas,
  })
  .strict();

/** The `drafts` object of `POST /v1/drafts`. */
export const createDraftSchema = draftFieldsSchema.superRefine((draft, ctx) => {
  let recipients = 0;
  for (const field of ['to_fields', 'cc_fields', 'bcc_fields'] as const) {
    const before = recipients;
    recipients += draft[field]?.length ?? 0;
    if (before <= RECIPIENTS_MAX && recipients > RECIPIENTS_MAX) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `to, cc and bcc hold at most ${RECIPIENTS_MAX} recipients together (SendGrid's limit)`,
      });
    }
  }
  if (draft.send === true && draft.send_at !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['send_at'], message: '`send` and `send_at` are mutually exclusive' });
  }
  refuseUnsupportedDraftFields(draft, ctx);
  if (draft.auto_followup === true && draft.send_at === undefined) {
    ctx.addIssue({ code: 'custom', path: ['auto_followup'], message: '`auto_followup` requires `send_at`' });
  }
  if (draft.conversation === undefined && !draft.subject?.trim()) {
    ctx.addIssue({
      code: 'custom',
      path: ['subject'],
      message: '`subject` is required unless `conversation` is given',
    });
  }
});
export type CreateDraft = z.infer<typeof createDraftSchema>;

export const createDraftBodySchema = z.object({ drafts: createDraftSchema });
export type CreateDraftBody = z.infer<typeof createDraftBodySchema>;

/** A message to be sent: scheduled, in flight, sent, discarded or failed. */
export const draftSchema = z.object({
  id: idSchema,
  conversation: idSchema.nullable().describe('null for a saved draft that starts its conversation when sent'),
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
  attachments: z.array(attachmentSchema).optional(),
});
export type Draft = z.infer<typeof draftSchema>;
