import { z } from 'zod';
import { durationSchema, idSchema, nonBlankSchema, unixTimeSchema } from './common';
import { ACTIONS_MAX, CONDITIONS_MAX, LIST_MAX, PHRASE_MAX } from './limits';
import { sendingSchema } from './sending';
import { CONDITION_FIELDS, CONDITION_MATCHES, CONDITION_OPERATORS, OPERATORS_BY_FIELD } from '@follow-ups/vocabulary';

export const conditionFieldSchema = z.enum(CONDITION_FIELDS);
export const conditionOperatorSchema = z.enum(CONDITION_OPERATORS);

export { OPERATORS_BY_FIELD };

/**
 * One condition, case-insensitive: `is`/`contains` hold when any value matches,
 * `is_not`/`not_contains` when none does.
 */
export const ruleConditionSchema = z
  .object({
    field: conditionFieldSchema.describe('`content` = from + to + cc + bcc + subject + body text'),
    operator: conditionOperatorSchema.describe('`from`/`team` take is, is_not; text fields contains, not_contains'),
    values: z.array(nonBlankSchema.max(PHRASE_MAX)).min(1).max(LIST_MAX),
  })
  .superRefine((c, ctx) => {
    const allowed = OPERATORS_BY_FIELD[c.field];
    if (!allowed.includes(c.operator)) {
      ctx.addIssue({ code: 'custom', path: ['operator'], message: `\`${c.field}\` takes ${allowed.join(' or ')}` });
    }
  });
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

export const conditionGroupSchema = z.object({
  match: z.enum(CONDITION_MATCHES),
  items: z.array(ruleConditionSchema).max(CONDITIONS_MAX),
});
export type ConditionGroup = z.infer<typeof conditionGroupSchema>;

export const scheduleFollowupActionSchema = z.object({
  type: z.literal('schedule_followup'),
  response: idSchema.describe('The canned response to send'),
  send_after: durationSchema.describe('Delay after the message that triggered the rule (not chained)'),
});

export const addLabelsActionSchema = z.object({
  type: z.literal('add_labels'),
  labels: z.array(idSchema).min(1).max(LIST_MAX).describe('Shared label ids added to the conversation'),
});

export const ruleActionSchema = z.discriminatedUnion('type', [scheduleFollowupActionSchema, addLabelsActionSchema]);
export type RuleAction = z.infer<typeof ruleActionSchema>;

/** An outgoing rule: runs on each sent message; actions run in order. */
export const ruleSchema = z.object({
  id: idSchema,
  description: z.string(),
  enabled: z.boolean(),
  type: z.literal('outgoing'),
  conditions: conditionGroupSchema,
  actions: z.array(ruleActionSchema),
  sending: sendingSchema
    .nullable()
    .describe("When its follow-ups may go out; null: the organization's default (none: exactly at their delay)"),
  created_at: unixTimeSchema,
  modified_at: unixTimeSchema,
});
export type Rule = z.infer<typeof ruleSchema>;

const ruleFieldsSchema = z.object({
  description: nonBlankSchema.max(200).describe('Rules run in alphabetical order of their description'),
  enabled: z.boolean(),
  type: z.literal('outgoing'),
  conditions: conditionGroupSchema,
  actions: z.array(ruleActionSchema).min(1).max(ACTIONS_MAX),
  sending: sendingSchema
    .nullable()
    .optional()
    .describe('Sending window, time zone, holidays, daily cap, out-of-office policy'),
});

export const createRuleSchema = ruleFieldsSchema.extend({
  enabled: z.boolean().default(true),
  type: z.literal('outgoing').default('outgoing'),
});
export type CreateRule = z.infer<typeof createRuleSchema>;

export const createRuleBodySchema = z.object({ rules: createRuleSchema });
export type CreateRuleBody = z.infer<typeof createRuleBodySchema>;

export const updateRuleSchema = ruleFieldsSchema
  .partial()
  .refine((fields) => Object.values(fields).some((value) => value !== undefined), {
    message: 'give at least one field to change',
  });
export type UpdateRule = z.infer<typeof updateRuleSchema>;

export const updateRuleBodySchema = z.object({ rules: updateRuleSchema });
export type UpdateRuleBody = z.infer<typeof updateRuleBodySchema>;

export const ruleEnvelopeSchema = z.object({ rules: ruleSchema });
export const rulesListSchema = z.object({ rules: z.array(ruleSchema) });
export type RulesList = z.infer<typeof rulesListSchema>;
