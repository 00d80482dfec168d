import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { sequenceWorkflowId } from '@follow-ups/domain';
import {
  searchAttributes as keys,
  staticDescription,
  workflowTypes,
  type FollowUpSequenceInput,
  type followUpSequence,
} from '@follow-ups/workflows';

export type TemporalTarget = { client: Client; taskQueue: string };

/**
 * Starts the conversation's sequence. The workflow id is derived from organization + conversation,
 * so a conversation never has two running sequences: "already started" is reported, not thrown.
 */
export async function startSequence(
  temporal: TemporalTarget,
  input: FollowUpSequenceInput,
): Promise<{ workflowId: string; started: boolean; ownRun: boolean }> {
  const workflowId = sequenceWorkflowId(input.organizationId, input.conversationId);
  const { summary, details } = staticDescription(input);
  try {
    await temporal.client.workflow.start<typeof followUpSequence>(workflowTypes.followUpSequence, {
      taskQueue: temporal.taskQueue,
      workflowId,
      args: [input],
      staticSummary: summary,
      staticDetails: details,
      // Lets the API show the steps from MongoDB when no worker can answer a query.
      memo: { draftIds: input.steps.map((s) => s.draftId), triggerMessageId: input.triggerMessageId },
      typedSearchAttributes: [
        { key: keys.organization, value: input.organizationId },
        { key: keys.conversation, value: input.conversationId },
        { key: keys.rule, value: input.ruleId ?? 'none' },
        { key: keys.sender, value: input.sender },
        { key: keys.recipient, value: input.recipient },
        { key: keys.status, value: 'active' },
        ...(input.steps[0] ? [{ key: keys.nextFollowUpAt, value: new Date(input.steps[0].sendAt) }] : []),
        { key: keys.followUpsSent, value: 0 },
      ],
    });
    return { workflowId, started: true, ownRun: false };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    // Running already: ours when a previous attempt for the same trigger message got this far.
    const { memo } = await temporal.client.workflow.getHandle(workflowId).describe();
    return { workflowId, started: false, ownRun: memo?.triggerMessageId === input.triggerMessageId };
  }
}
