// Rule conditions: which part of a message each field reads, and how operators compare.
import { normalizeAddress } from './addresses';
import { bodyText, messageContent } from './content';
import { normalizeId, normalizeText } from './normalize';
import type {
  ConditionField,
  ConditionGroup,
  ConditionOperator,
  OutgoingMessage,
  RuleCondition,
} from './types';

/** Operators each field accepts: exact fields take is/is_not, text fields contains/not_contains. */
export const conditionFieldOperators: Readonly<
  Record<ConditionField, readonly ConditionOperator[]>
> = {
  from: ['is', 'is_not'],
  team: ['is', 'is_not'],
  content: ['contains', 'not_contains'],
  subject: ['contains', 'not_contains'],
  body: ['contains', 'not_contains'],
};

/** The normalised value a field reads, or undefined when the message has none (no team). */
function fieldValue(field: ConditionField, msg: OutgoingMessage): string | undefined {
  switch (field) {
    case 'from':
      return normalizeAddress(msg.from.address);
    case 'team':
      return msg.teamId === undefined ? undefined : normalizeId(msg.teamId);
    case 'content':
      return normalizeText(messageContent(msg));
    case 'subject':
      return normalizeText(msg.subject);
    case 'body':
      return normalizeText(bodyText(msg));
  }
}

function normalizeValue(field: ConditionField, value: string): string {
  if (field === 'from') return normalizeAddress(value);
  if (field === 'team') return normalizeId(value);
  return normalizeText(value);
}

/**
 * One condition against one message. Values are trimmed and blank ones ignored; comparisons are
 * case-insensitive. is/contains need any value to match; is_not/not_contains need none to.
 * A missing field (message without team) matches no value.
 */
export function evaluateCondition(c: RuleCondition, msg: OutgoingMessage): boolean {
  const haystack = fieldValue(c.field, msg);
  const needles = c.values.map((v) => normalizeValue(c.field, v)).filter((v) => v !== '');
  const exact = c.operator === 'is' || c.operator === 'is_not';
  const hit = (needle: string): boolean =>
    haystack !== undefined && (exact ? haystack === needle : haystack.includes(needle));
  const positive = c.operator === 'is' || c.operator === 'contains';
  return positive ? needles.some(hit) : !needles.some(hit);
}

/** 'all': every item holds (empty group holds); 'any': at least one holds (empty does not). */
export function evaluateGroup(g: ConditionGroup, msg: OutgoingMessage): boolean {
  return g.match === 'all'
    ? g.items.every((c) => evaluateCondition(c, msg))
    : g.items.some((c) => evaluateCondition(c, msg));
}

/** Human-readable problems with a condition group; [] when it is valid. */
export function validateConditionGroup(g: ConditionGroup): string[] {
  const problems: string[] = [];
  if (g.match !== 'all' && g.match !== 'any') {
    problems.push(`match must be "all" or "any", got "${String(g.match)}"`);
  }
  g.items.forEach((c, i) => {
    const label = `Condition ${i + 1}`;
    const allowed = Object.hasOwn(conditionFieldOperators, c.field)
      ? conditionFieldOperators[c.field]
      : undefined;
    if (!allowed) {
      problems.push(`${label}: unknown field "${String(c.field)}"`);
    } else if (!allowed.includes(c.operator)) {
      const operator = String(c.operator);
      const hint = allowed.join(' or ');
      problems.push(`${label}: operator "${operator}" is not valid for field "${c.field}" (use ${hint})`);
    }
    if (!c.values.some((v) => v.trim() !== '')) {
      problems.push(`${label}: at least one non-empty value is required`);
    }
  });
  return problems;
}
