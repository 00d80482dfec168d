import { z } from 'zod';
import { idSchema, unixTimeSchema } from './common';
import { attachmentSchema } from './attachments';
import { FORWARD_STATUSES, MESSAGE_DIRECTIONS, MESSAGE_ORIGINS } from '@follow-ups/vocabulary';

/**
 * A stored address. Received mail may carry addresses that a strict email check rejects, so
 * responses do not re-validate them; the TypeScript type is the same as `Address`.
 */
export const storedAddressSchema = z.object({ address: z.string(), name: z.string().optional() });

export const messageDirectionSchema = z.enum(MESSAGE_DIRECTIONS);
/**
 * `api`: sent through `POST /v1/drafts`; `automation`: sent by the engine; `inbound`: received; `mailbox`: sent by one of
 * the organization's people from their own mailbox and copied to the log address (docs/mail-from-any-mailbox.md).
 */
export const messageOriginSchema = z.enum(MESSAGE_ORIGINS);
export type MessageOrigin = z.infer<typeof messageOriginSchema>;

export const messageSchema = z.object({
  id: idSchema,
  direction: messageDirectionSchema,
  origin: messageOriginSchema,
  from_field: storedAddressSchema,
  to_fields: z.array(storedAddressSchema),
  cc_fields: z.array(storedAddressSchema),
  bcc_fields: z.array(storedAddressSchema),
  subject: z.string(),
  preview: z.string(),
  body: z.string().nullable().describe('HTML or text'),
  message_id: z.string().describe('RFC 5322 Message-ID'),
  in_reply_to: z.string().nullable(),
  references: z.array(z.string()),
  auto_reply: z.boolean().describe('Machine-generated (out of office, autoresponder): does not count as a reply'),
  attachments: z.array(attachmentSchema).optional().describe('The files it was sent or received with'),
  delivered_at: unixTimeSchema,
  delivery_status: z
    .enum(['deferred', 'soft_bounced', 'delivered', 'unsubscribed', 'spam_reported', 'bounced', 'dropped'])
    .nullable()
    .describe("Outgoing mail: what SendGrid's Event Webhook reported; null until it reports"),
  delivery_detail: z.string().nullable().describe('The bounce or drop reason SendGrid gave'),
  rules_error: z
    .string()
    .nullable()
    .optional()
    .describe('Why the outgoing rules could not run on this sent message yet; they are retried with backoff'),
  authentication: z
    .object({
      spf: z
        .string()
        .nullable()
        .describe(
          'SPF result SendGrid reported for the envelope sender (pass, fail, softfail, none, …); null: not checked',
        ),
      dkim: z
        .array(z.object({ domain: z.string(), result: z.string() }))
        .describe('One entry per DKIM signature: signing domain and result'),
      authenticated: z.boolean().describe('SPF (aligned) or DKIM passed for the From domain'),
      reason: z.string().nullable().describe('Why not, e.g. `SPF fail, no DKIM signature for example.com`'),
    })
    .optional()
    .describe(
      'Received mail: who vouches for its sender. Mail to the log address that is not authenticated stops nothing',
    ),
  forwards: z
    .array(
      z.object({ to: z.string(), status: z.enum(FORWARD_STATUSES), reason: z.string().nullable(), at: unixTimeSchema }),
    )
    .optional()
    .describe(
      'Received mail: where it was forwarded (docs/where-replies-go.md), and a permanent failure with its reason',
    ),
});
export type Message = z.infer<typeof messageSchema>;

export const messagesListSchema = z.object({ messages: z.array(messageSchema) });
export type MessagesList = z.infer<typeof messagesListSchema>;
