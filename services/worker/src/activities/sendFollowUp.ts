import { suppressedAmong } from '@follow-ups/directory';
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
  // As read with the organization when composing; unknown otherwise.
  let hooksVersion: number | undefined;
  let suppressionsVersion: number | undefined;
  const { message, sentDraft, ...outcome } = await deliver(deps, {
    organizationId: input.organizationId,
    draftId: input.draftId,
    origin: 'automation',
    compose: async (draft) => {
      const composed = await composeFollowUp(deps, draft, input.triggerMessageId);
      ({ hooksVersion, suppressionsVersion } = composed);
      return composed.mail;
    },
    // From this process's cache, valid under the version just read with the organization (as a trigger's
    // check in ingest): every suppression write bumps it, and suppressAndStop discards the drafts after.
    suppressed: async (addresses) =>
      (await suppressedAmong(input.organizationId, addresses, suppressionsVersion))[0]?.reason ?? null,
  });
  await raiseFollowUpEvent(deps, input, outcome, { message, sentDraft, hooksVersion });
  return outcome;
}
