import { Draft } from '@follow-ups/db';
import { sequenceWorkflowId, toAddress, unixSeconds } from '@follow-ups/domain';
import { deliveryPolicy, emitEvent } from '@follow-ups/events';
import type { ForwardReplyInput } from '@follow-ups/workflows';
import type { ActivityDeps } from './deps';
import { readReceivedMail, type ReceivedMail } from './receivedMail';

/**
 * Raises `incoming_email` for a received mail matched to a conversation (replies and
 * auto-replies alike), for the CRM or any system subscribed. Idempotent per Message-ID.
 */
export async function announceReceivedMail(deps: ActivityDeps, input: ForwardReplyInput): Promise<void> {
  if (!deps.temporal) return;
  const mail = await readReceivedMail(input, true);
  if (mail) await announceRead(deps, mail);
}

/**
 * The announce of a received mail already read (`readReceivedMail`, hooks included): nothing more
 * is read or written when the organization has no `incoming_email` hook; otherwise the rule of
 * the conversation's sequence and the attachment list, then the event (emitEvent, given the hooks).
 */
export async function announceRead(
  deps: ActivityDeps,
  { received, conversation, attachments, hooks }: ReceivedMail,
): Promise<void> {
  if (!deps.temporal || received.internal || !hooks.length) return;
  const [followUp, list] = await Promise.all([
    Draft.findOne(
      { organization: received.organization, conversation: received.conversation, kind: 'followup' },
      { rule: 1 },
    )
      .sort({ createdAt: -1 })
      .lean(),
    attachments(),
  ]);
  const organizationId = String(received.organization);
  const conversationId = String(received.conversation);
  const data = {
    conversation: { id: conversationId, subject: conversation?.subject ?? null },
    message: {
      id: String(received._id),
      message_id: received.messageId,
      subject: received.subject,
      from_field: toAddress(received.from),
      to_fields: received.to.map(toAddress),
      cc_fields: received.cc.map(toAddress),
      text: received.text ?? null,
      html: received.html ?? null,
      attachments: (list?.files ?? []).map((f) => ({
        filename: f.filename,
        content_type: f.contentType,
        size: f.size,
      })),
      delivered_at: unixSeconds(received.at),
    },
    auto_reply: received.autoReply,
    sequence: followUp
      ? {
          id: sequenceWorkflowId(organizationId, conversationId),
          rule: followUp.rule ? String(followUp.rule) : null,
          stopped: !received.autoReply,
        }
      : null,
  };
  await emitEvent(
    deps.temporal.client,
    deps.temporal.taskQueue,
    { organizationId, conversationId, type: 'incoming_email', id: `incoming_email:${received.messageId}`, data },
    { policy: deliveryPolicy(deps.hooksTestMode), hooks },
  );
}
