import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { Sequence, SequenceStatus } from '@follow-ups/contract';
import type { followUpSequence } from '../../../../workflows/src';
import { stateQuery } from '../../../../workflows/src/definitions';
import type { SequenceState } from '../../../../workflows/src/types';
import type { AppDeps } from '../deps';
import { notFound } from '../http/appError';
import { attr } from './searchAttributes';
import { assertOwnSequence } from './sequenceIds';

type Handle = WorkflowHandle<typeof followUpSequence>;
const unix = (iso: string | Date | null | undefined) => (iso ? Math.floor(new Date(iso).getTime() / 1000) : null);

/** The status ops see: the SequenceStatus attribute, or `failed` for a workflow that did not end normally. */
export async function sequenceStatusOf(handle: Handle): Promise<SequenceStatus> {
  const description = await handle.describe();
  return statusFrom(description.status.name, attr(description.searchAttributes, 'SequenceStatus'));
}

export function statusFrom(executionStatus: string, attribute: string | null): SequenceStatus {
  if (executionStatus !== 'RUNNING' && executionStatus !== 'COMPLETED') return 'failed';
  return (attribute as SequenceStatus | null) ?? 'active';
}

/** Full sequence with its steps: from the live workflow (query) or, once closed, its result. */
export async function loadSequence(deps: AppDeps, organization: string, workflowId: string): Promise<Sequence> {
  assertOwnSequence(organization, workflowId);
  const handle: Handle = deps.temporal.workflow.getHandle(workflowId);
  let description;
  try {
    description = await handle.describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw notFound(`sequence ${workflowId}`);
    throw error;
  }
  const running = description.status.name === 'RUNNING';
  let state: SequenceState | null = null;
  if (running) state = await handle.query(stateQuery);
  else if (description.status.name === 'COMPLETED') state = await handle.result();

  const sa = description.searchAttributes;
  return {
    id: workflowId,
    organization,
    conversation: attr(sa, 'ConversationId') ?? '',
    rule: nullIfNone(attr(sa, 'RuleId')),
    sender: attr(sa, 'SenderAddress') ?? '',
    recipient: attr(sa, 'RecipientAddress') ?? '',
    status: state?.status ?? statusFrom(description.status.name, attr(sa, 'SequenceStatus')),
    next_follow_up_at: unix(state?.nextFollowUpAt ?? null),
    follow_ups_sent: state?.followUpsSent ?? attr<number>(sa, 'FollowUpsSent') ?? 0,
    steps: (state?.steps ?? []).map((s) => ({ step: s.step, draft: s.draftId, response: s.responseId, send_at: unix(s.sendAt)!, status: s.status, reason: s.reason })),
    started_at: unix(description.startTime)!,
    closed_at: unix(description.closeTime ?? null),
  };
}

export const nullIfNone = (value: string | null) => (value && value !== 'none' ? value : null);
