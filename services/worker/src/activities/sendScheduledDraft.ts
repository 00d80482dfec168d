import { Conversation, Message, Organization, settingsOf } from '@follow-ups/db';
import { firstOf, toAddress } from '@follow-ups/domain';
import { applyPendingRules, listUnsubscribe, loadMailAttachments, outgoingMail } from '@follow-ups/automation';
import type { OutgoingMail } from '@follow-ups/mailer';
import type { SendOutcome } from '@follow-ups/workflows';
import { deliverDraft } from './deliverDraft';
import { resendUnknown } from './resendUnknown';
import type { ActivityDeps } from './deps';

/**
 * A `send_at` draft written by a person: sent as written, then the outgoing rules run on it exactly
 * as they do for `send: true` (so a scheduled quote can start its follow-ups).
 */
export function sendScheduledDraft(
  deps: ActivityDeps,
  input: { organizationId: string; draftId: string },
): Promise<SendOutcome> {
  return deliverScheduledDraft(deps, input, deliverDraft);
}

/** A scheduled send whose delivery is `unknown`, after the grace period: confirmed, resent once, or left (resendUnknown). */
export function reconcileScheduledDraft(
  deps: ActivityDeps,
  input: { organizationId: string; draftId: string },
): Promise<SendOutcome> {
  return deliverScheduledDraft(deps, input, resendUnknown);
}

async function deliverScheduledDraft(
  deps: ActivityDeps,
  input: { organizationId: string; draftId: string },
  deliver: typeof deliverDraft,
): Promise<SendOutcome> {
  const {
    message,
    sentDraft: _sentDraft,
    ...outcome
  } = await deliver(deps, {
    organizationId: input.organizationId,
    draftId: input.draftId,
    origin: 'api',
    compose: async (draft): Promise<OutgoingMail> => {
      const content = draft.content!;
      const [conversation, organization, attachments] = await Promise.all([
        Conversation.findById(draft.conversation, { thread: 1, threadKept: 1 }).lean(),
        Organization.findById(draft.organization, { settings: 1 }).lean(),
        loadMailAttachments(draft.organization, draft._id), // stored under the draft's id when it was scheduled
      ]);
      const thread = await Message.threadOf(draft.organization, draft.conversation, conversation);
      return outgoingMail(deps, {
        conversationId: String(draft.conversation),
        draftId: String(draft._id),
        from: toAddress(content.from),
        to: content.to.map(toAddress),
        cc: content.cc.map(toAddress),
        bcc: content.bcc.map(toAddress),
        subject: content.subject ?? '',
        text: content.text ?? content.body,
        html: content.html ?? undefined,
        messageId: draft.messageId,
        thread,
        copySender: settingsOf(organization).copySender,
        headers: settingsOf(organization).unsubscribeOnSends
          ? listUnsubscribe(deps, String(draft.organization), firstOf(content.to, 'recipients').address)
          : undefined,
        attachments,
      });
    },
  });
  // Also on a retry after the send: the recorded message keeps `rulesPending` until its rules ran.
  const sent =
    message ??
    (outcome.outcome === 'sent'
      ? await Message.findOne({
          organization: input.organizationId,
          messageId: outcome.messageId,
          rulesPending: true,
        }).lean()
      : null);
  if (sent?.rulesPending && deps.temporal) {
    const conversation = await Conversation.findById(sent.conversation, { team: 1 }).lean();
    await applyPendingRules(
      { ...deps.temporal, messageIdDomain: deps.replyDomain, delayDivisor: deps.delayDivisor },
      sent,
      conversation?.team ? String(conversation.team) : null,
    );
  }
  return outcome;
}
