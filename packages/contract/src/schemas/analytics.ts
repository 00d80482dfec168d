import { z } from 'zod';
import { emailAddressSchema, idSchema, unixTimeInputSchema, unixTimeSchema } from './common';

/** The longest range one analytics request may cover. */
export const ANALYTICS_MAX_RANGE_DAYS = 400;

export const analyticsQuerySchema = z.object({
  from: z.coerce
    .number()
    .pipe(unixTimeInputSchema)
    .optional()
    .describe('Start of the range, unix seconds (default: 12 weeks before `until`)'),
  until: z.coerce
    .number()
    .pipe(unixTimeInputSchema)
    .optional()
    .describe('End of the range, unix seconds (default: now)'),
  sender: emailAddressSchema.optional().describe('Only the sequences this address started'),
});
export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;

const count = z.number().int().nonnegative();

export const sequenceCountsSchema = z.object({
  started: count,
  active: count.describe('Running now (paused ones included): a gauge, not limited to the range'),
  paused: count.describe('Paused now: a gauge, not limited to the range'),
  replied: count,
  completed: count,
  stopped: count,
  bounced: count,
  unsubscribed: count,
  failed: count,
});

export const stepCountsSchema = z.object({
  step: z.number().int().nonnegative().describe('0 = the initial email (trigger), 1 = the first follow-up, …'),
  scheduled: count,
  sent: count,
  discarded: count,
  replies: count.describe('First replies of a sequence whose last step sent before them is this one'),
  out_of_office: count,
  bounces: count,
  unsubscribes: count,
  reply_rate: z.number().nullable().describe('replies ÷ sent (step 0: ÷ started); null when nothing was sent'),
  time_to_reply_p50_s: z
    .number()
    .nullable()
    .describe('Median time from this step to the reply, seconds (bucket upper bound)'),
  time_to_reply_p90_s: z.number().nullable(),
});

export const weekCountsSchema = z.object({
  week: z.string().describe('Monday of the week (UTC), YYYY-MM-DD'),
  week_start: unixTimeSchema,
  started: count,
  sent: count,
  replies: count,
  out_of_office: count,
  bounces: count,
  unsubscribes: count,
});

export const ruleAnalyticsSchema = z.object({
  rule: idSchema,
  description: z.string(),
  from: unixTimeSchema,
  until: unixTimeSchema,
  sequences: sequenceCountsSchema,
  steps: z.array(stepCountsSchema),
  weeks: z.array(weekCountsSchema),
  time_to_reply_histogram: z
    .array(z.object({ up_to_s: z.number().nullable(), replies: count }))
    .describe('Replies of every step by time to reply; `up_to_s` null: slower than the last bound'),
});
export type RuleAnalytics = z.infer<typeof ruleAnalyticsSchema>;

export const ruleAnalyticsEnvelopeSchema = z.object({ analytics: ruleAnalyticsSchema });
export const ruleAnalyticsListSchema = z.object({ analytics: z.array(ruleAnalyticsSchema) });

export const dryRunFollowUpSchema = z.object({
  step: z.number().int().positive(),
  send_at: unixTimeSchema,
  nominal_send_at: unixTimeSchema.describe('Trigger + delay, before sending windows, holidays and caps'),
  subject: z.string(),
  body: z.string().describe('The rendered HTML body, as it would be sent'),
  to: z.array(z.object({ address: z.string(), name: z.string().nullable().optional() })),
  from: z.object({ address: z.string(), name: z.string().nullable().optional() }),
  why: z.string().nullable().describe('What moved the send from its nominal time, in words; null when nothing did'),
});

export const dryRunSchema = z.object({
  matched: z.array(
    z.object({
      rule: idSchema,
      description: z.string(),
      followups: z.array(dryRunFollowUpSchema),
      labels: z.array(idSchema),
    }),
  ),
  not_matched: z.array(z.object({ rule: idSchema, description: z.string(), failed: z.string() })),
});
export type DryRun = z.infer<typeof dryRunSchema>;
export const dryRunEnvelopeSchema = z.object({ dry_run: dryRunSchema });
