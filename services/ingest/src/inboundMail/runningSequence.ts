import { Types } from 'mongoose';
import type { AppDeps } from '../deps';
import { searchAttributes as keys, workflowTypes } from '@follow-ups/workflows';
import { quote } from '../sequences/searchAttributes';

const VISIBILITY_TIMEOUT_MS = 3_000;

/**
 * The conversation of the organization's running sequence to `address` (its RecipientAddress),
 * newest first; null when there is none. A Temporal visibility query: bounded by the sequences
 * that are running, not by history.
 */
export async function runningSequenceTo(
  deps: AppDeps,
  organization: string,
  address: string,
): Promise<Types.ObjectId | null> {
  const query = [
    `WorkflowType = ${quote(workflowTypes.followUpSequence)}`,
    `ExecutionStatus = 'Running'`,
    `${keys.organization.name} = ${quote(organization)}`,
    `${keys.recipient.name} = ${quote(address.toLowerCase())}`,
  ].join(' AND ');
  return deps.temporal.withDeadline(Date.now() + VISIBILITY_TIMEOUT_MS, async () => {
    for await (const execution of deps.temporal.workflow.list({ query, pageSize: 10 })) {
      const conversation = execution.typedSearchAttributes.get(keys.conversation);
      if (conversation && Types.ObjectId.isValid(conversation)) return new Types.ObjectId(conversation);
    }
    return null;
  });
}
