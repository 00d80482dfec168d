import type { SendFollowUpInput, SendOutcome } from '@follow-ups/workflows';
import { composeFollowUp } from './composeFollowUp';
import { deliverDraft } from './deliverDraft';
import { raiseFollowUpEvent } from './followUpEvents';
import type { ActivityDeps } from './deps';

/** One automatic follow-up, rendered from its canned response and threaded under the conversation. */
export async function sendFollowUp(deps: ActivityDeps, input: SendFollowUpInput): Promise<SendOutcome> {
  const { message: _message, ...outcome } = await deliverDraft(deps, {
    organizationId: input.organizationId,
    draftId: input.draftId,
    origin: 'automation',
    compose: (draft) => composeFollowUp(deps, draft, input.triggerMessageId),
  });
  await raiseFollowUpEvent(deps, input, outcome);
  return outcome;
}
