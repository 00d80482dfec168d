import { decodeSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { temporal as proto } from '@temporalio/proto';
import type { ListSequencesQuery, SequencesPage } from '@follow-ups/contract';
import type { AppDeps } from '../deps';
import { invalid } from '../http/appError';
import { quote } from './searchAttributes';
import { sequenceSummary } from './sequenceSummary';

const timestamp = (t: { seconds?: unknown } | null | undefined) => (t?.seconds != null ? new Date(Number(t.seconds) * 1000) : null);

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
  const sequences = page.executions.map((execution) =>
    sequenceSummary({
      id: execution.execution?.workflowId ?? '',
      organization,
      attributes: decodeSearchAttributes(execution.searchAttributes?.indexedFields),
      executionStatus: proto.api.enums.v1.WorkflowExecutionStatus[execution.status ?? 0]?.replace('WORKFLOW_EXECUTION_STATUS_', '') ?? 'UNSPECIFIED',
      startedAt: timestamp(execution.startTime),
      closedAt: timestamp(execution.closeTime),
    }),
  );
  const token = page.nextPageToken?.length ? Buffer.from(page.nextPageToken).toString('base64url') : null;
  return { sequences, next_page_token: token };
}
