import { isGrpcServiceError } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import type { ListSequencesQuery, SequencesPage } from '@follow-ups/contract';
import type { AppDeps } from '../deps';
import { invalid } from '../http/appError';
import { openPageToken, sealPageToken } from './pageToken';
import { searchAttributes as keys, workflowTypes } from '@follow-ups/workflows';
import { decodeSequenceAttributes, quote } from './searchAttributes';
import { sequenceSummary } from './sequenceSummary';

/** gRPC status INVALID_ARGUMENT: Temporal refused the query or its page token. */
const GRPC_INVALID_ARGUMENT = 3;

const badPageToken = (detail?: string) =>
  invalid('`page_token` is not a `next_page_token` this API returned for these filters', [
    {
      path: 'query.page_token',
      message: detail ? `Temporal refused it: ${detail}` : 'not a token from a previous page with the same filters',
    },
  ]);

const timestamp = (t: { seconds?: unknown } | null | undefined) =>
  t?.seconds != null ? new Date(Number(t.seconds) * 1000) : null;

/** GET /v1/sequences: a Temporal visibility query on the custom search attributes, one page at a time. */
export async function listSequences(
  deps: AppDeps,
  organization: string,
  q: ListSequencesQuery,
): Promise<SequencesPage> {
  const clauses = [
    `WorkflowType = ${quote(workflowTypes.followUpSequence)}`,
    `${keys.organization.name} = ${quote(organization)}`,
  ];
  if (q.status) clauses.push(`${keys.status.name} = ${quote(q.status)}`);
  if (q.rule) clauses.push(`${keys.rule.name} = ${quote(q.rule)}`);
  if (q.sender) clauses.push(`${keys.sender.name} = ${quote(q.sender.toLowerCase())}`);
  if (q.recipient) clauses.push(`${keys.recipient.name} = ${quote(q.recipient.toLowerCase())}`);
  if (q.conversation) clauses.push(`${keys.conversation.name} = ${quote(q.conversation)}`);

  const query = clauses.join(' AND ');
  let nextPageToken: Buffer | undefined;
  if (q.page_token) {
    nextPageToken = openPageToken(deps.replyTokenSecret, query, q.page_token) ?? undefined;
    if (!nextPageToken) throw badPageToken();
  }
  let page;
  try {
    page = await deps.temporal.workflowService.listWorkflowExecutions({
      namespace: deps.temporal.options.namespace,
      query,
      pageSize: q.page_size,
      nextPageToken,
    });
  } catch (error) {
    if (nextPageToken && isGrpcServiceError(error) && error.code === GRPC_INVALID_ARGUMENT)
      throw badPageToken(error.details);
    throw error;
  }
  const sequences = page.executions.map((execution) =>
    sequenceSummary({
      id: execution.execution?.workflowId ?? '',
      organization,
      attributes: decodeSequenceAttributes(execution.searchAttributes?.indexedFields),
      executionStatus:
        proto.api.enums.v1.WorkflowExecutionStatus[execution.status ?? 0]?.replace('WORKFLOW_EXECUTION_STATUS_', '') ??
        'UNSPECIFIED',
      startedAt: timestamp(execution.startTime),
      closedAt: timestamp(execution.closeTime),
    }),
  );
  const token = page.nextPageToken?.length ? sealPageToken(deps.replyTokenSecret, query, page.nextPageToken) : null;
  return { sequences, next_page_token: token };
}
