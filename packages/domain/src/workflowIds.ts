// Temporal workflow ids, each derived from its business key, all defined here: starting a workflow
// twice for the same key hits the same workflow.
import { createHash } from 'node:crypto';

const SEQUENCE_PREFIX = 'followups-';

/** Id of a conversation's follow-up sequence: one per conversation. */
export function sequenceWorkflowId(organizationId: string, conversationId: string): string {
  return `${SEQUENCE_PREFIX}${organizationId}-${conversationId}`;
}

/** The conversation of one of the organization's sequences; null when the id is not one of them. */
export function sequenceConversationId(organizationId: string, workflowId: string): string | null {
  const prefix = sequenceWorkflowId(organizationId, '');
  return workflowId.startsWith(prefix) ? workflowId.slice(prefix.length) : null;
}

/** The workflow that delivers one conversation's events to its hooks, in order. */
export function hookDeliveryWorkflowId(organizationId: string, conversationId: string): string {
  return `hooks-${organizationId}-${conversationId}`;
}

/** A `send_at` draft's wait-then-send workflow. */
export function scheduledSendWorkflowId(organizationId: string, draftId: string): string {
  return `scheduled-send-${organizationId}-${draftId}`;
}

/** The forward of one received mail (its Message-ID, hashed: ids have a length limit). */
export function forwardWorkflowId(organizationId: string, messageId: string): string {
  return `forward-${organizationId}-${createHash('sha256').update(messageId).digest('hex').slice(0, 32)}`;
}
