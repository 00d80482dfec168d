import type { SearchAttributes } from '@temporalio/common';
import type { SequenceSummary } from '@follow-ups/contract';
import { attr } from './searchAttributes';

type Execution = { id: string; organization: string; attributes: SearchAttributes | undefined; executionStatus: string; startedAt: Date | null; closedAt: Date | null };

const unix = (date: Date | string | null) => (date ? Math.floor(new Date(date).getTime() / 1000) : null);
export const nullIfNone = (value: string | null) => (value && value !== 'none' ? value : null);

/** The status ops see: the SequenceStatus attribute, or `failed` for a workflow that did not end normally. */
export function statusFrom(executionStatus: string, attribute: string | null): SequenceSummary['status'] {
  if (executionStatus !== 'RUNNING' && executionStatus !== 'COMPLETED') return 'failed';
  return (attribute as SequenceSummary['status'] | null) ?? 'active';
}

/** A sequence as its search attributes describe it: what the list shows, and the base of the detail. */
export function sequenceSummary(e: Execution): SequenceSummary {
  const sa = e.attributes;
  return {
    id: e.id,
    organization: e.organization,
    conversation: attr(sa, 'ConversationId') ?? '',
    rule: nullIfNone(attr(sa, 'RuleId')),
    sender: attr(sa, 'SenderAddress') ?? '',
    recipient: attr(sa, 'RecipientAddress') ?? '',
    status: statusFrom(e.executionStatus, attr(sa, 'SequenceStatus')),
    next_follow_up_at: unix(attr<string | Date>(sa, 'NextFollowUpAt')),
    follow_ups_sent: Number(attr<number>(sa, 'FollowUpsSent') ?? 0),
    started_at: unix(e.startedAt) ?? 0,
    closed_at: unix(e.closedAt),
  };
}
