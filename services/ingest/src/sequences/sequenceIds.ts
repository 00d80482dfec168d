import { notFound } from '../http/appError';

const PREFIX = 'followups-';

/** Sequences are addressed by workflow id; one that belongs to another organization does not exist. */
export function assertOwnSequence(organization: string, workflowId: string): void {
  if (!workflowId.startsWith(`${PREFIX}${organization}-`)) throw notFound(`sequence ${workflowId}`);
}
