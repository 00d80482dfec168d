import type { Rule as ApiRule, RuleAction, RuleCondition } from '@follow-ups/contract';
import type { RuleDoc } from '@follow-ups/db';
import { unixRequired } from './time';

type StoredRule = Pick<RuleDoc, '_id' | 'description' | 'enabled' | 'conditions' | 'actions'> & {
  sending?: unknown;
  createdAt?: Date;
  updatedAt?: Date;
};
type StoredCondition = NonNullable<RuleDoc['conditions']>['items'][number];
type StoredAction = RuleDoc['actions'][number];

function presentCondition(c: StoredCondition): RuleCondition {
  return { field: c.field, operator: c.operator, values: [...c.values] };
}

function presentAction(a: StoredAction): RuleAction {
  if (a.type === 'add_labels') return { type: 'add_labels', labels: (a.labels ?? []).map(String) };
  return {
    type: 'schedule_followup',
    response: String(a.response),
    send_after: { amount: a.send_after!.amount, unit: a.send_after!.unit },
  };
}

export function presentRule(rule: StoredRule): ApiRule {
  return {
    id: String(rule._id),
    description: rule.description,
    enabled: rule.enabled ?? true,
    type: 'outgoing',
    conditions: {
      match: rule.conditions?.match ?? 'all',
      items: (rule.conditions?.items ?? []).map(presentCondition),
    },
    actions: rule.actions.map(presentAction),
    sending: (rule.sending as ApiRule['sending'] | undefined) ?? null,
    created_at: unixRequired(rule.createdAt),
    modified_at: unixRequired(rule.updatedAt ?? rule.createdAt),
  };
}
