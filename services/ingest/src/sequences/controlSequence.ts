import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Sequence } from '@follow-ups/contract';
import { pauseUpdate, resumeUpdate, stopUpdate, type followUpSequence } from '@follow-ups/workflows';
import type { AppDeps } from '../deps';
import { conflict, notFound } from '../http/appError';
import { loadSequence } from './describeSequence';
import { assertOwnSequence } from './sequenceIds';

export type Control = { action: 'stop'; reason?: string } | { action: 'pause' } | { action: 'resume' };

/**
 * Stop, pause or resume through Temporal updates: the workflow validates the transition and returns
 * its new state. A finished sequence, or a transition the workflow rejects, is a 409.
 */
export async function controlSequence(
  deps: AppDeps,
  organization: string,
  workflowId: string,
  control: Control,
): Promise<Sequence> {
  assertOwnSequence(organization, workflowId);
  const handle = deps.temporal.workflow.getHandle<typeof followUpSequence>(workflowId);
  try {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING')
      throw conflict(`sequence has already finished (${description.status.name.toLowerCase()})`);
    if (control.action === 'stop') await handle.executeUpdate(stopUpdate, { args: [{ reason: control.reason }] });
    else if (control.action === 'pause') await handle.executeUpdate(pauseUpdate);
    else await handle.executeUpdate(resumeUpdate);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw notFound(`sequence ${workflowId}`);
    if (error instanceof WorkflowUpdateFailedError) throw conflict(error.cause?.message ?? error.message);
    throw error;
  }
  return loadSequence(deps, organization, workflowId);
}
