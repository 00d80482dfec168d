import { evaluateCondition, type OutgoingMessage, type RuleCondition, type RuleLike } from '@follow-ups/domain';

const FIELD_WORDS: Record<RuleCondition['field'], string> = {
  from: 'From',
  team: 'Team',
  content: 'Message content',
  subject: 'Subject',
  body: 'Body',
  body_without_quote: 'Body without quote',
};
const OPERATOR_WORDS: Record<RuleCondition['operator'], string> = {
  is: 'is',
  is_not: 'is not',
  contains: 'contains',
  not_contains: 'does not contain',
};

/** A condition in words: `Message content contains "Here is the quote"`. */
export function conditionInWords(c: RuleCondition): string {
  const values = c.values.map((v) => (c.field === 'from' || c.field === 'team' ? v : `"${v}"`)).join(' or ');
  return `${FIELD_WORDS[c.field]} ${OPERATOR_WORDS[c.operator]} ${values}`;
}

/** Why a rule did not match the message, in words: the first condition that did not hold. */
export function failedCondition(rule: RuleLike, message: OutgoingMessage): string {
  if (!rule.enabled) return 'the rule is disabled';
  const { match, items } = rule.conditions;
  if (match === 'any') {
    if (!items.some((c) => evaluateCondition(c, message)))
      return `none held: ${items.map(conditionInWords).join('; ') || 'no conditions'}`;
  } else {
    const failed = items.find((c) => !evaluateCondition(c, message));
    if (failed) return conditionInWords(failed);
  }
  return 'its conditions did not hold together';
}
