// Temporal workflow ids derived from business keys: one sequence per conversation.

/** Id of a conversation's follow-up sequence; starting it twice hits the same workflow. */
export function sequenceWorkflowId(organizationId: string, conversationId: string): string {
  return `followups-${organizationId}-${conversationId}`;
}
