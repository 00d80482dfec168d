import { decodeSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { temporal as proto } from '@temporalio/proto';
import type { ListSequencesQuery, SequencesPage } from '@follow-ups/contract';
import type { AppDeps } from '../deps';
import { invalid } from '../http/appError';
import { nullIfNone, statusFrom } from './describeSequence';
import { attr, quote } from './searchAttributes';

const unix = (t: { seconds?: unknown } | null | undefined) => (t?.seconds != null ? Number(t.seconds) : null);

/** GET /v1/sequences: a Temporal visibility query on the custom search attributes, one page at a time. */
export async function listSequences(deps: AppDeps, organization: string, q: ListSequencesQuery): Promise<SequencesPage> {
  const clauses = [`WorkflowType = 'followUpSequence'`, `OrganizationId = ${quote(organization)}`];
  if (q.status) clauses.push(`SequenceStatus = ${quote(q.status)}`);
  if (q.rule) clauses.push(`RuleId = ${quote(q.rule)}`);
  if (q.sender) clauses.push(`SenderAddress = ${quote(q.sender.toLowerCase())}`);
  if (q.recipient) clauses.push(`RecipientAddress = ${quote(q.recipient.toLowerCase())}`);
  if (q.conversation) clauses.push(`ConversationId = ${quote(q.conversation)}`);

  let nextPageToken: Buffer | undefined;
  if (q.page_token) {
    nextPageToken = Buffer.from(q.page_token, 'base64url');
    if (!nextPageToken.length) throw invalid('`page_token` is not a token this API returned');
  }
  const page = await deps.temporal.workflowService.listWorkflowExecutions({
    namespace: deps.temporal.options.namespace,
    query: clauses.join(' AND '),
    pageSize: q.page_size,
    nextPageToken,
  });
  const sequences = page.executions.map((execution) => {
    const sa = decodeSearchAttributes(execution.searchAttributes?.indexedFields);
    const status = proto.api.enums.v1.WorkflowExecutionStatus[execution.status ?? 0]?.replace('WORKFLOW_EXECUTION_STATUS_', '') ?? 'UNSPECIFIED';
    const nextAt = attr<string | Date>(sa, 'NextFollowUpAt');
    return {
      id: execution.execution?.workflowId ?? '',
      organization,
      conversation: attr(sa, 'ConversationId') ?? '',
      rule: nullIfNone(attr(sa, 'RuleId')),
      sender: attr(sa, 'SenderAddress') ?? '',
      recipient: attr(sa, 'RecipientAddress') ?? '',
      status: statusFrom(status, attr(sa, 'SequenceStatus')),
      next_follow_up_at: nextAt ? Math.floor(new Date(nextAt).getTime() / 1000) : null,
      follow_ups_sent: Number(attr<number>(sa, 'FollowUpsSent') ?? 0),
      started_at: unix(execution.startTime) ?? 0,
      closed_at: unix(execution.closeTime),
    };
  });
  const token = page.nextPageToken?.length ? Buffer.from(page.nextPageToken).toString('base64url') : null;
  return { sequences, next_page_token: token };
}
