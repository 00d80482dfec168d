import { z } from 'zod';
import { addressSchema } from './common';
import { timeZoneSchema } from './directory';
import { sendingSchema } from './sending';

const emailSchema = addressSchema.shape.address;

export const replyDestinationSchema = z
  .enum(['sender', 'address', 'none'])
  .describe(
    '`sender`: the salesperson who sent the conversation (default); `address`: `reply_address` (a team inbox); `none`: nobody, integrations only',
  );

/** An organization's settings, as the API shows them. */
export const settingsSchema = z.object({
  reply_destination: replyDestinationSchema,
  reply_address: z.string().nullable().describe('Where replies go when `reply_destination` is `address`'),
  fallback_address: z
    .string()
    .nullable()
    .describe('Where mail that reached our inbound addresses but matched no conversation is forwarded'),
  copy_sender: z.boolean().describe('Bcc the sender on mail sent through the API and on follow-ups (default true)'),
  unsubscribe_on_sends: z
    .boolean()
    .describe(
      'One-click List-Unsubscribe headers on mail sent through the API too; follow-ups always carry them (default false)',
    ),
  time_zone: z
    .string()
    .nullable()
    .describe("The organization's IANA zone: windows are read in it when neither recipient nor sender has one"),
  sending: sendingSchema.nullable().describe('Default sending settings of rules that have none'),
  log_address: z
    .string()
    .describe(
      'Auto-forward or Bcc a mailbox here: a prospect who writes to the salesperson directly still stops the sequence',
    ),
  notifications_from: z
    .string()
    .describe('The `From` of forwarded replies (a domain we send for); `Reply-To` is the prospect'),
});
export type Settings = z.infer<typeof settingsSchema>;

export const updateSettingsSchema = z
  .object({
    reply_destination: replyDestinationSchema.optional(),
    reply_address: emailSchema.nullable().optional(),
    fallback_address: emailSchema.nullable().optional(),
    copy_sender: z.boolean().optional(),
    unsubscribe_on_sends: z.boolean().optional(),
    time_zone: timeZoneSchema.nullable().optional(),
    sending: sendingSchema.nullable().optional(),
  })
  .strict();
export type UpdateSettings = z.infer<typeof updateSettingsSchema>;

export const settingsBodySchema = z.object({ settings: settingsSchema });
export const updateSettingsBodySchema = z.object({ settings: updateSettingsSchema });
