import type { RuleDoc } from '@follow-ups/db';
import type { RuleAction, RuleLike } from '@follow-ups/domain';

export type StoredRule = Pick<RuleDoc, '_id' | 'description' | 'enabled' | 'conditions' | 'actions'>;

/** A stored rule as the domain evaluates it (and the API shows it, with its times). */
export function ruleLike(rule: StoredRule): RuleLike {
  return {
    id: String(rule._id),
    description: rule.description,
    enabled: rule.enabled ?? true,
    type: 'outgoing',
    conditions: {
      match: rule.conditions?.match ?? 'all',
      items: (rule.conditions?.items ?? []).map((c) => ({
        field: c.field,
        operator: c.operator,
        values: [...c.values],
      })),
    },
    actions: (rule.actions ?? []).map((a): RuleAction =>
      a.type === 'schedule_followup'
        ? {
            type: 'schedule_followup',
            response: String(a.response),
            send_after: { amount: a.send_after!.amount, unit: a.send_after!.unit },
          }
        : { type: 'add_labels', labels: (a.labels ?? []).map(String) },
    ),
  };
}
