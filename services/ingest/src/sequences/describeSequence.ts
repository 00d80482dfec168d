import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { Sequence, SequenceStatus } from '@follow-ups/contract';
import { searchAttributes, stateQuery, type followUpSequence, type SequenceState } from '@follow-ups/workflows';
import { findDraftsEverywhere } from '@follow-ups/db';
import type { AppDeps } from '../deps';
import { notFound } from '../http/appError';
import { sequenceSummary, statusFrom } from './sequenceSummary';
import { assertOwnSequence } from './sequenceIds';
import { unix } from '../http/unixTime';

type Handle = WorkflowHandle<typeof followUpSequence>;

/** The sequence's status as ops see it (GET /v1/conversations/:id shows it). */
export async function sequenceStatusOf(handle: Handle): Promise<SequenceStatus> {
  const description = await handle.describe();
  return statusFrom(description.status.name, description.typedSearchAttributes.get(searchAttributes.status));
}

/** Full sequence with its steps: from the live workflow (query) or, once closed, its result. */
export async function loadSequence(deps: AppDeps, organization: string, workflowId: string): Promise<Sequence> {
  assertOwnSequence(organization, workflowId);
  const handle: Handle = deps.temporal.workflow.getHandle(workflowId);
  let description;
  try {
    description = await handle.describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw notFound(`sequence ${workflowId}`);
    throw error;
  }
  const running = description.status.name === 'RUNNING';
  let state: SequenceState | null = null;
  if (running) state = await queryState(deps, handle);
  else if (description.status.name === 'COMPLETED') state = await handle.result();

  const summary = sequenceSummary({
    id: workflowId,
    organization,
    attributes: description.typedSearchAttributes,
    executionStatus: description.status.name,
    startedAt: description.startTime,
    closedAt: description.closeTime ?? null,
  });
  const steps = state?.steps ?? (await stepsFromDrafts(organization, description.memo?.draftIds));
  return {
    ...summary,
    // The live state is fresher than the search attributes, which are eventually consistent.
    ...(state
      ? {
          status: state.status,
          next_follow_up_at: unix(state.nextFollowUpAt),
          follow_ups_sent: state.followUpsSent,
          reason: state.reason,
          resumes_at: unix(state.resumeAt),
        }
      : {}),
    steps: steps.map((s) => ({
      step: s.step,
      draft: s.draftId,
      response: s.responseId,
      send_at: unix(s.sendAt)!,
      nominal_send_at: unix(s.plannedSendAt ?? s.nominalSendAt),
      status: s.status,
      reason: s.reason,
    })),
  };
}

/** A query needs a worker; without one in a few seconds the API answers from the drafts instead. */
async function queryState(deps: AppDeps, handle: Handle): Promise<SequenceState | null> {
  try {
    return await deps.temporal.withDeadline(Date.now() + 3000, () => handle.query(stateQuery));
  } catch {
    return null;
  }
}

/** The steps as MongoDB has them, for the drafts the sequence was started with (its memo). */
async function stepsFromDrafts(organization: string, draftIds: unknown): Promise<SequenceState['steps']> {
  if (!Array.isArray(draftIds)) return [];
  const drafts = await findDraftsEverywhere(
    { organization, _id: { $in: draftIds } },
    (a, b) => (a.step ?? 0) - (b.step ?? 0),
  );
  return drafts.map((d) => ({
    step: d.step ?? 0,
    draftId: String(d._id),
    responseId: String(d.response),
    sendAt: d.sendAt.toISOString(),
    nominalSendAt: d.nominalSendAt?.toISOString(),
    status: d.status,
    reason: d.reason ?? null,
    sentAt: d.sentAt?.toISOString() ?? null,
  }));
}
