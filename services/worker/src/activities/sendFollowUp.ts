import type { SendFollowUpInput, SendOutcome } from '@follow-ups/workflows';
import { composeFollowUp } from './composeFollowUp';
import { deliverDraft } from './deliverDraft';
import { raiseFollowUpEvent } from './followUpEvents';
import { resendUnknown } from './resendUnknown';
import type { ActivityDeps } from './deps';

/** One automatic follow-up, rendered from its canned response and threaded under the conversation. */
export function sendFollowUp(deps: ActivityDeps, input: SendFollowUpInput): Promise<SendOutcome> {
  return deliverFollowUp(deps, input, deliverDraft);
}

/** A follow-up whose delivery is `unknown`, after the grace period: confirmed, resent once, or left (resendUnknown). */
export function reconcileFollowUp(deps: ActivityDeps, input: SendFollowUpInput): Promise<SendOutcome> {
  return deliverFollowUp(deps, input, resendUnknown);
}

async function deliverFollowUp(
  deps: ActivityDeps,
  input: SendFollowUpInput,
  deliver: typeof deliverDraft,
): Promise<SendOutcome> {
  let hooksVersion: number | undefined; // as read with the organization when composing; unknown otherwise
  const { message, sentDraft, ...outcome } = await deliver(deps, {
    organizationId: input.organizationId,
    draftId: input.draftId,
    origin: 'automation',
    compose: async (draft) => {
      const composed = await composeFollowUp(deps, draft, input.triggerMessageId);
      hooksVersion = composed.hooksVersion;
      return composed.mail;
    },
    // The initial email's to and cc, which the follow-up goes to (composeFollowUp).
    recipientsOf: (draft) => (draft.triggerMail ? [...draft.triggerMail.to, ...draft.triggerMail.cc] : null),
  });
  await raiseFollowUpEvent(deps, input, outcome, { message, sentDraft, hooksVersion });
  return outcome;
}
