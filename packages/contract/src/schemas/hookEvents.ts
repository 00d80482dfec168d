// The JSON body POSTed to a hook: one envelope per event, `data` shaped by `type`.
import { z } from 'zod';
import { idSchema, unixTimeSchema } from './common';
import { storedAddressSchema } from './messages';
import { sequenceIdSchema } from './sequences';
import { SEQUENCE_END_STATUSES } from '@follow-ups/vocabulary';

/** The sequence an event belongs to. */
export const hookSequenceRefSchema = z.object({
  id: sequenceIdSchema.describe('Temporal workflow id, as in `/v1/sequences/:id`'),
  rule: idSchema.nullable().describe('The rule that started it'),
});

export const incomingEmailDataSchema = z.object({
  conversation: z.object({ id: idSchema, subject: z.string().nullable() }),
  message: z.object({
    id: idSchema,
    message_id: z.string().describe('RFC 5322 Message-ID'),
    subject: z.string(),
    from_field: storedAddressSchema,
    to_fields: z.array(storedAddressSchema),
    cc_fields: z.array(storedAddressSchema),
    text: z.string().nullable(),
    html: z.string().nullable(),
    attachments: z.array(
      z.object({ filename: z.string(), content_type: z.string(), size: z.number().int().nonnegative() }),
    ),
    delivered_at: unixTimeSchema,
  }),
  auto_reply: z.boolean().describe('Machine-generated (out of office): it does not stop a sequence'),
  sequence: hookSequenceRefSchema
    .extend({ stopped: z.boolean().describe('This mail stopped the sequence') })
    .nullable(),
});

export const followupSentDataSchema = z.object({
  sequence: hookSequenceRefSchema,
  follow_up: z.object({
    step: z.number().int().positive(),
    draft: idSchema,
    message_id: z.string().describe('RFC 5322 Message-ID of the mail sent'),
    subject: z.string(),
    to_fields: z.array(storedAddressSchema),
    sent_at: unixTimeSchema,
  }),
});

export const followupFailedDataSchema = z.object({
  sequence: hookSequenceRefSchema,
  follow_up: z.object({ step: z.number().int().positive(), draft: idSchema, reason: z.string() }),
});

export const sequenceEndedDataSchema = z.object({
  sequence: hookSequenceRefSchema,
  status: z.enum(SEQUENCE_END_STATUSES).describe('Why it ended'),
  reason: z.string().nullable(),
  follow_ups_sent: z.number().int().nonnegative(),
});

/** `data` of each event type. */
export const hookEventDataSchemas = {
  incoming_email: incomingEmailDataSchema,
  followup_sent: followupSentDataSchema,
  followup_failed: followupFailedDataSchema,
  sequence_ended: sequenceEndedDataSchema,
} as const;
export type HookEventData = { [K in keyof typeof hookEventDataSchemas]: z.infer<(typeof hookEventDataSchemas)[K]> };

const envelope = <T extends keyof typeof hookEventDataSchemas>(type: T) =>
  z.object({
    id: z.string().describe('Stable per event: the same as the `webhook-id` header, for de-duplication'),
    type: z.literal(type),
    timestamp: z.string().datetime().describe('When the event happened (ISO 8601)'),
    organization: idSchema,
    conversation: idSchema,
    data: hookEventDataSchemas[type],
  });

/** The body of every delivery (Standard Webhooks style: `type`, `timestamp`, `data`). */
export const hookEventPayloadSchema = z.discriminatedUnion('type', [
  envelope('incoming_email'),
  envelope('followup_sent'),
  envelope('followup_failed'),
  envelope('sequence_ended'),
]);
export type HookEventPayload = z.infer<typeof hookEventPayloadSchema>;
