import { attachmentListOf, Conversation, Draft, Message } from '@follow-ups/db';
import { sequenceWorkflowId, toAddress, unixSeconds } from '@follow-ups/domain';
import { deliveryPolicy, emitEvent } from '@follow-ups/events';
import type { ForwardReplyInput } from '@follow-ups/workflows';
import type { ActivityDeps } from './deps';

/**
 * Raises `incoming_email` for a received mail matched to a conversation (replies and
 * auto-replies alike), for the CRM or any system subscribed. Idempotent per Message-ID.
 */
export async function announceReceivedMail(deps: ActivityDeps, input: ForwardReplyInput): Promise<void> {
  if (!deps.temporal) return;
  const received = await Message.findOne({
    organization: input.organizationId,
    messageId: input.messageId,
    direction: 'inbound',
  }).lean();
  if (!received || received.internal) return;
  const [conversation, followUp, attachments] = await Promise.all([
    Conversation.findById(received.conversation, { subject: 1 }).lean(),
    Draft.findOne(
      { organization: received.organization, conversation: received.conversation, kind: 'followup' },
      { rule: 1 },
    )
      .sort({ createdAt: -1 })
      .lean(),
    attachmentListOf(received.organization, received._id),
  ]);
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
      attachments: (attachments?.files ?? []).map((f) => ({
        filename: f.filename,
        content_type: f.contentType,
        size: f.size,
      })),
      delivered_at: unixSeconds(received.at),
    },
    auto_reply: received.autoReply,
    sequence: followUp
      ? {
          id: sequenceWorkflowId(input.organizationId, conversationId),
          rule: followUp.rule ? String(followUp.rule) : null,
          stopped: !received.autoReply,
        }
      : null,
  };
  await emitEvent(
    deps.temporal.client,
    deps.temporal.taskQueue,
    {
      organizationId: input.organizationId,
      conversationId,
      type: 'incoming_email',
      id: `incoming_email:${received.messageId}`,
      data,
    },
    { policy: deliveryPolicy(deps.hooksTestMode) },
  );
}
