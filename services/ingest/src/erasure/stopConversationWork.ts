// Before a conversation's records are erased, nothing may still send or forward for it: its
// scheduled drafts are discarded, its sequence is stopped through the stop update (the same path as
// POST /v1/sequences/:id/stop), and then its Temporal executions are deleted with their histories
// and search attributes (the sequence, hook deliveries, scheduled sends, forwards).
import { WorkflowNotFoundError } from '@temporalio/client';
import { Draft, DraftHistory, Message } from '@follow-ups/db';
import {
  forwardWorkflowId,
  hookDeliveryWorkflowId,
  scheduledSendWorkflowId,
  sequenceWorkflowId,
} from '@follow-ups/domain';
import { stopUpdate, type followUpSequence } from '@follow-ups/workflows';
import type { AppDeps } from '../deps';
import { log } from '../log';

const STOP_WAIT_MS = 10_000;
/** gRPC NOT_FOUND: the execution is already gone (or never was). */
const NOT_FOUND = 5;
export const ERASED_REASON = 'erased';

/** Stops the sequence and waits (bounded) for it to end, so it writes nothing after the erasure. */
async function stopSequence(deps: AppDeps, workflowId: string): Promise<void> {
  const handle = deps.temporal.workflow.getHandle<typeof followUpSequence>(workflowId);
  try {
    if ((await handle.describe()).status.name !== 'RUNNING') return;
    await handle.executeUpdate(stopUpdate, { args: [{ reason: ERASED_REASON }] });
    await Promise.race([handle.result().catch(() => undefined), new Promise((r) => setTimeout(r, STOP_WAIT_MS))]);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError))
      log.warn({ err: error, workflowId }, 'erasure: the sequence could not be stopped; it is deleted');
  }
}

/** Deletes an execution (terminating it if it still runs) with its history; a missing one is fine. */
async function deleteExecution(deps: AppDeps, workflowId: string): Promise<void> {
  try {
    await deps.temporal.workflowService.deleteWorkflowExecution({
      namespace: deps.temporal.options.namespace,
      workflowExecution: { workflowId },
    });
  } catch (error) {
    if ((error as { code?: number }).code !== NOT_FOUND) throw error;
  }
}

export async function stopConversationWork(deps: AppDeps, organization: string, conversation: string): Promise<void> {
  await Draft.discardScheduled({ organization, conversation }, ERASED_REASON);
  const sequence = sequenceWorkflowId(organization, conversation);
  await stopSequence(deps, sequence);
  const filter = { organization, conversation };
  const drafts = [
    ...(await Draft.find(filter, { _id: 1 }).lean()),
    ...(await DraftHistory.find(filter, { _id: 1 }).lean()),
  ];
  const messages = await Message.find({ ...filter, direction: 'inbound' }, { messageId: 1 }).lean();
  const workflowIds = [
    sequence,
    hookDeliveryWorkflowId(organization, conversation),
    ...drafts.map((d) => scheduledSendWorkflowId(organization, String(d._id))),
    ...messages.map((m) => forwardWorkflowId(organization, m.messageId)),
  ];
  for (const workflowId of workflowIds) await deleteExecution(deps, workflowId);
}
