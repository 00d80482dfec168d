// SendGrid Event Webhook posts, and the one-click unsubscribe endpoints.
import { z } from 'zod';

/**
 * One event of an Event Webhook batch. `draft_id` and `conversation_id` are the `custom_args` we
 * send, which SendGrid copies into each event; other fields are kept as they come.
 */
export const sendgridEventSchema = z
  .object({
    event: z
      .string()
      .describe(
        'processed, delivered, deferred, bounce, dropped, spamreport, unsubscribe, group_unsubscribe, open, click, …',
      ),
    email: z.string().optional(),
    timestamp: z.number().optional().describe('Unix seconds'),
    sg_event_id: z.string().optional().describe('Unique per event: a repeated one is applied once'),
    sg_message_id: z.string().optional().describe('`<X-Message-Id>.<filter…>`'),
    type: z.string().optional().describe('bounce: `bounce` (hard) or `blocked` (soft)'),
    bounce_classification: z.string().optional(),
    reason: z.string().optional(),
    response: z.string().optional(),
    draft_id: z.string().optional(),
    conversation_id: z.string().optional(),
  })
  .passthrough();
export type SendgridEvent = z.infer<typeof sendgridEventSchema>;

export const sendgridEventBatchSchema = z
  .array(z.unknown())
  .describe('An array of events (see SendgridEvent); one that is not an event object is recorded as `invalid`');

export const sendgridEventsResultSchema = z.object({
  applied: z.number().int().describe('Events applied now'),
  duplicates: z.number().int().describe('Seen before (same sg_event_id)'),
  unmatched: z.number().int().describe('For no message of ours: recorded only'),
});
export type SendgridEventsResult = z.infer<typeof sendgridEventsResultSchema>;
