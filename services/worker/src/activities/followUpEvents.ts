import { Draft, Message, type DraftDoc, type MessageDoc } from '@follow-ups/db';
import { sequenceWorkflowId, toAddress, unixSeconds } from '@follow-ups/domain';
import { emitEvent, deliveryPolicy } from '@follow-ups/events';
import type { SendOutcome } from '@follow-ups/workflows';
import type { ActivityDeps } from './deps';

/**
 * Tells the organization's hooks how a follow-up went: `followup_sent`, or `followup_failed`
 * when it failed or its delivery is unknown (never silent). Idempotent per draft, so a retried
 * activity raises each event once. `known.message` and `.sentDraft`: what this attempt recorded when it
 * sent (not read again); `.hooksVersion`: the organization's, read when composing (hooks then cached).
 */
export async function raiseFollowUpEvent(
  deps: ActivityDeps,
  input: { organizationId: string; conversationId: string; draftId: string },
  outcome: SendOutcome,
  known: {
    message?: Pick<MessageDoc, 'subject' | 'to' | 'at'>;
    sentDraft?: Pick<DraftDoc, 'step' | 'rule'>;
    hooksVersion?: number;
  } = {},
): Promise<void> {
  const { message, sentDraft } = known;
  if (!deps.temporal || (outcome.outcome === 'skipped' && outcome.status !== 'failed' && outcome.status !== 'unknown'))
    return;
  const draft = sentDraft ?? (await Draft.findById(input.draftId, { step: 1, rule: 1 }).lean());
  const sequence = {
    id: sequenceWorkflowId(input.organizationId, input.conversationId),
    rule: draft?.rule ? String(draft.rule) : null,
  };
  const step = draft?.step ?? 1;
  const common = { organizationId: input.organizationId, conversationId: input.conversationId };
  const options = { policy: deliveryPolicy(deps.hooksTestMode), hooksVersion: known.hooksVersion };
  if (outcome.outcome === 'sent') {
    const sent =
      message ??
      (await Message.findOne(
        { organization: input.organizationId, messageId: outcome.messageId },
        { subject: 1, to: 1, at: 1 },
      ).lean());
    const follow_up = {
      step,
      draft: input.draftId,
      message_id: outcome.messageId,
      subject: sent?.subject ?? '',
      to_fields: (sent?.to ?? []).map(toAddress),
      sent_at: unixSeconds(sent?.at ?? new Date(outcome.sentAt)),
    };
    await emitEvent(
      deps.temporal.client,
      deps.temporal.taskQueue,
      { ...common, type: 'followup_sent', id: `followup_sent:${input.draftId}`, data: { sequence, follow_up } },
      options,
    );
    return;
  }
  const reason = outcome.status === 'unknown' ? `delivery unknown: ${outcome.reason}` : outcome.reason;
  await emitEvent(
    deps.temporal.client,
    deps.temporal.taskQueue,
    {
      ...common,
      type: 'followup_failed',
      id: `followup_failed:${input.draftId}`,
      data: { sequence, follow_up: { step, draft: input.draftId, reason } },
    },
    options,
  );
}
