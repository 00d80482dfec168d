import type { Draft as ApiDraft } from '@follow-ups/contract';
import { Draft, findDraftById, Message } from '@follow-ups/db';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { WorkflowNotFoundError } from '@temporalio/client';
import { draftDiscardedSignal } from '@follow-ups/workflows';
import type { AppDeps } from '../deps';
import { conflict, notFound } from '../http/appError';
import { presentDraft } from './presentDraft';
import { log } from '../log';

const REASON = 'discarded through the API';

/**
 * DELETE /v1/drafts/:id: the draft is discarded in MongoDB first (so it can never be claimed for
 * sending), then the conversation's sequence is told so that its plan and the UI show it.
 */
export async function discardDraft(deps: AppDeps, organization: string, draftId: string): Promise<ApiDraft> {
  const draft = await findDraftById({ _id: draftId, organization });
  if (!draft) {
    // `send: true` answers with the sent message's id as its draft id: it exists, but is sent.
    if (await Message.exists({ _id: draftId, organization, origin: 'api' }))
      throw conflict('draft is sent, not scheduled');
    throw notFound(`draft ${draftId}`);
  }
  if (!(await Draft.discardOne(organization, draftId, REASON))) {
    const current = await Draft.findById(draftId, { status: 1 }).lean();
    throw conflict(`draft is ${current?.status ?? draft.status}, not scheduled`);
  }
  if (draft.kind === 'followup') {
    try {
      await deps.temporal.workflow
        .getHandle(sequenceWorkflowId(organization, String(draft.conversation)))
        .signal(draftDiscardedSignal, { draftId, reason: REASON });
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) log.warn({ err: error, draftId }, 'could not signal the sequence');
    }
  }
  return presentDraft((await Draft.findById(draftId).lean())!);
}
