import { sequenceConversationId } from '@follow-ups/domain';
import { notFound } from '../http/appError';

/** Sequences are addressed by workflow id; one that belongs to another organization does not exist. */
export function assertOwnSequence(organization: string, workflowId: string): void {
  if (sequenceConversationId(organization, workflowId) === null) throw notFound(`sequence ${workflowId}`);
}
