// The body of `POST /v1/rules/templates/automatic-follow-ups` (Missive's "Automatic follow ups").
import { z } from 'zod';
import {
  type Duration,
  durationMinutes,
  durationSchema,
  emailAddressSchema,
  subjectTemplateSchema,
  idSchema,
  nonBlankSchema,
} from './common';
import { LIST_MAX, PHRASE_MAX, SUBJECT_MAX } from './limits';
import { cannedResponseSchema } from './responses';
import { ruleSchema } from './rules';
import { sendingSchema } from './sending';
import { colorSchema, sharedLabelSchema } from './sharedLabels';

export const templateFollowupSchema = z.object({
  title: nonBlankSchema.max(200).optional().describe('Canned response title; defaults to "Follow-up N"'),
  subject: subjectTemplateSchema(SUBJECT_MAX).optional().describe('Omit to reply in the thread'),
  body: nonBlankSchema.describe('Liquid template'),
  phrase: nonBlankSchema
    .max(PHRASE_MAX)
    .optional()
    .describe(
      'Text unique to this follow-up, used in its "content does not contain" condition; defaults to its opening phrase',
    ),
  send_after: durationSchema
    .optional()
    .describe('Delay after the initial email; defaults to 1, 3, 7 days by position, then 7 more days per step'),
});
export type TemplateFollowup = z.input<typeof templateFollowupSchema>;

/** A follow-up with its defaults applied: what the server receives. */
export type ResolvedTemplateFollowup = Omit<TemplateFollowup, 'title' | 'send_after'> & {
  title: string;
  send_after: Duration;
};

/** The delay of the follow-up at `index` when none is given: 1, 3, 7, 14, 21, … days. */
export function defaultSendAfter(index: number): Duration {
  const days = [1, 3, 7][index] ?? 7 * (index - 1);
  return { amount: days, unit: 'days' };
}

/** The canned follow-ups used when the request gives none; each ends with the sender's name and signature (their User record). */
export const DEFAULT_FOLLOWUPS: readonly TemplateFollowup[] = [
  {
    title: 'Follow-up 1: checking in',
    phrase: 'Just checking in on the quote I sent',
    body: "<p>Hi {{ recipient.first_name | default: 'there' }},</p><p>Just checking in on the quote I sent. Do you have any questions I can answer?</p><p>{{ user.first_name }}</p>{{ user.signature }}",
    send_after: { amount: 1, unit: 'days' },
  },
  {
    title: 'Follow-up 2: any questions',
    phrase: 'Following up on my previous message',
    body: "<p>Hi {{ recipient.first_name | default: 'there' }},</p><p>Following up on my previous message about the quote. Happy to adjust it or walk you through it on a short call.</p><p>{{ user.first_name }}</p>{{ user.signature }}",
    send_after: { amount: 3, unit: 'days' },
  },
  {
    title: 'Follow-up 3: last check',
    phrase: 'One last note about the quote',
    body: "<p>Hi {{ recipient.first_name | default: 'there' }},</p><p>One last note about the quote: if the timing is not right, just let me know and I will close the file on my side.</p><p>{{ user.first_name }}</p>{{ user.signature }}",
    send_after: { amount: 7, unit: 'days' },
  },
];

const templateFollowupsSchema = z
  .array(templateFollowupSchema)
  .min(1)
  .max(10)
  .default([...DEFAULT_FOLLOWUPS])
  .transform((items): ResolvedTemplateFollowup[] =>
    items.map((item, index) => ({
      ...item,
      title: item.title ?? `Follow-up ${index + 1}`,
      send_after: item.send_after ?? defaultSendAfter(index),
    })),
  )
  .superRefine((items, ctx) => {
    items.forEach((item, index) => {
      const previous = items[index - 1];
      if (previous && durationMinutes(item.send_after) <= durationMinutes(previous.send_after)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'send_after'],
          message: 'each follow-up must come later than the one before (delays count from the initial email)',
        });
      }
    });
  });

export const templateLabelSchema = z.union([
  z.object({ id: idSchema }).strict(),
  z.object({ name: nonBlankSchema.max(100), color: colorSchema.optional() }).strict(),
]);
export type TemplateLabel = z.infer<typeof templateLabelSchema>;

export const automaticFollowUpsBodySchema = z.object({
  trigger_phrase: z
    .string()
    .trim()
    .min(3)
    .max(PHRASE_MAX)
    .describe(
      'The rule runs on sent messages whose body contains it outside quoted text (condition `body_without_quote`): a reply that only quotes it starts nothing',
    ),
  senders: z.array(emailAddressSchema).min(1).max(LIST_MAX).describe('The "From is" condition'),
  team: idSchema.optional().describe('Adds a "Team is" condition'),
  description: nonBlankSchema.max(200).default('Automatic follow ups'),
  label: templateLabelSchema
    .default({ name: 'Follow-up in progress' })
    .describe('An existing label by id, or one found or created by name'),
  followups: templateFollowupsSchema,
  sending: sendingSchema.default({}).describe('Defaults: weekdays 09:00–17:00 recipient time, pause on out-of-office'),
});
/** What the server receives, defaults applied. */
export type AutomaticFollowUpsBody = z.infer<typeof automaticFollowUpsBodySchema>;
/** What a client sends. */
export type AutomaticFollowUpsInput = z.input<typeof automaticFollowUpsBodySchema>;

export const automaticFollowUpsResultSchema = z.object({
  rules: ruleSchema,
  responses: z.array(cannedResponseSchema),
  shared_labels: z.array(sharedLabelSchema),
});
export type AutomaticFollowUpsResult = z.infer<typeof automaticFollowUpsResultSchema>;
