import type { Rule as ApiRule } from '@follow-ups/contract';
import { ruleLike, type StoredRule } from '@follow-ups/automation';
import { unixRequired } from '../http/unixTime';

export function presentRule(rule: StoredRule & { sending?: unknown; createdAt?: Date; updatedAt?: Date }): ApiRule {
  return {
    ...ruleLike(rule),
    sending: (rule.sending as ApiRule['sending'] | undefined) ?? null,
    created_at: unixRequired(rule.createdAt),
    modified_at: unixRequired(rule.updatedAt ?? rule.createdAt),
  };
}
