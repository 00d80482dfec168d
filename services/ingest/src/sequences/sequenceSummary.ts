import type { TypedSearchAttributes } from '@temporalio/common';
import type { SequenceSummary } from '@follow-ups/contract';
import { searchAttributes as keys } from '@follow-ups/workflows';
import { unix } from '../http/unixTime';

type Execution = {
  id: string;
  organization: string;
  attributes: TypedSearchAttributes;
  executionStatus: string;
  startedAt: Date | null;
  closedAt: Date | null;
};

export const nullIfNone = (value: string | undefined) => (value && value !== 'none' ? value : null);

/** The status ops see: the SequenceStatus attribute, or `failed` for a workflow that did not end normally. */
export function statusFrom(executionStatus: string, attribute: string | undefined): SequenceSummary['status'] {
  if (executionStatus !== 'RUNNING' && executionStatus !== 'COMPLETED') return 'failed';
  return (attribute as SequenceSummary['status'] | null) ?? 'active';
}

/** A sequence as its search attributes describe it: what the list shows, and the base of the detail. */
export function sequenceSummary(e: Execution): SequenceSummary {
  const sa = e.attributes;
  return {
    id: e.id,
    organization: e.organization,
    conversation: sa.get(keys.conversation) ?? '',
    rule: nullIfNone(sa.get(keys.rule)),
    sender: sa.get(keys.sender) ?? '',
    recipient: sa.get(keys.recipient) ?? '',
    status: statusFrom(e.executionStatus, sa.get(keys.status)),
    next_follow_up_at: unix(sa.get(keys.nextFollowUpAt) ?? null),
    follow_ups_sent: sa.get(keys.followUpsSent) ?? 0,
    started_at: unix(e.startedAt) ?? 0,
    closed_at: unix(e.closedAt),
  };
}
