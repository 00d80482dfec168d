/** `body_without_quote`: the body text without the quoted previous messages (Missive's "Body without quote"). */
export const CONDITION_FIELDS = ['from', 'team', 'content', 'subject', 'body', 'body_without_quote'] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];

export const CONDITION_OPERATORS = ['is', 'is_not', 'contains', 'not_contains'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Operators each field accepts: exact fields take is/is_not, text fields contains/not_contains. */
export const OPERATORS_BY_FIELD: Readonly<Record<ConditionField, readonly ConditionOperator[]>> = {
  from: ['is', 'is_not'],
  team: ['is', 'is_not'],
  content: ['contains', 'not_contains'],
  subject: ['contains', 'not_contains'],
  body: ['contains', 'not_contains'],
  body_without_quote: ['contains', 'not_contains'],
};

/** A condition group holds when all (or any) of its conditions hold. */
export const CONDITION_MATCHES = ['all', 'any'] as const;
export type ConditionMatch = (typeof CONDITION_MATCHES)[number];

export const RULE_ACTION_TYPES = ['schedule_followup', 'add_labels'] as const;

export const DURATION_UNITS = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
