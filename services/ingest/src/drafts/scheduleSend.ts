import { Types } from 'mongoose';
import { SEND_AT_MAX_DAYS_AHEAD, type CreateDraft, type Draft as ApiDraft } from '@follow-ups/contract';
import { Conversation, Draft } from '@follow-ups/db';
import { storeMailAttachments } from '@follow-ups/automation';
import { currentTime, firstOf, scheduledSendWorkflowId } from '@follow-ups/domain';
import { searchAttributes as keys, workflowTypes, type scheduledSend } from '@follow-ups/workflows';
import type { AppDeps } from '../deps';
import { invalid } from '../http/appError';
import { presentDraft } from './presentDraft';
import { prepareDraft } from './prepareDraft';
import { applyConversationChanges, newConversationFields } from './conversationChanges';
import { decodeAttachments, describeAttachments } from './decodeAttachments';

const DAY_MS = 86_400_000;

/**
 * `send_at`: stores the draft and starts a durable timer workflow that sends it at that time. With
 * `auto_followup`, a reply that arrives first discards it (Missive's auto follow-up drafts). The
 * draft's conversation fields apply now, as Missive applies them to a draft; its files are stored
 * under the draft's id and sent with it.
 */
export async function scheduleSend(deps: AppDeps, organization: string, draft: CreateDraft): Promise<ApiDraft> {
  const now = currentTime(deps);
  const sendAt = new Date(draft.send_at! * 1000);
  if (sendAt.getTime() <= now.getTime())
    throw invalid('`send_at` must be in the future', [
      { path: 'body.drafts.send_at', message: 'must be in the future' },
    ]);
  if (sendAt.getTime() > now.getTime() + SEND_AT_MAX_DAYS_AHEAD * DAY_MS) {
    throw invalid(`\`send_at\` is more than ${SEND_AT_MAX_DAYS_AHEAD} days ahead`, [
      { path: 'body.drafts.send_at', message: `must be at most ${SEND_AT_MAX_DAYS_AHEAD} days ahead` },
    ]);
  }

  const prepared = await prepareDraft(organization, draft, deps);
  const attachments = decodeAttachments(draft.attachments);
  if (prepared.isNewConversation)
    await Conversation.create(newConversationFields(prepared.conversation, prepared.changes, now));
  else await applyConversationChanges(organization, String(prepared.conversation._id), prepared.changes);

  const draftObjectId = new Types.ObjectId();
  await storeMailAttachments(organization, draftObjectId, attachments);
  const created = await Draft.create({
    _id: draftObjectId,
    organization,
    conversation: prepared.conversation._id,
    kind: 'scheduled_send',
    sendAt,
    status: 'scheduled',
    autoFollowup: draft.auto_followup ?? false,
    messageId: prepared.messageId,
    content: {
      subject: prepared.subject,
      body: draft.body,
      text: prepared.text,
      html: prepared.html,
      from: draft.from_field,
      to: draft.to_fields,
      cc: draft.cc_fields ?? [],
      bcc: draft.bcc_fields ?? [],
    },
  });
  const draftId = String(created._id);
  try {
    await deps.temporal.workflow.start<typeof scheduledSend>(workflowTypes.scheduledSend, {
      taskQueue: deps.taskQueue,
      workflowId: scheduledSendWorkflowId(organization, draftId),
      args: [{ version: 1, organizationId: organization, draftId, sendAt: sendAt.toISOString() }],
      staticSummary: `Scheduled send to ${firstOf(draft.to_fields, 'to_fields').address}: "${prepared.subject}"`,
      typedSearchAttributes: [
        { key: keys.organization, value: organization },
        { key: keys.conversation, value: String(prepared.conversation._id) },
      ],
    });
  } catch (error) {
    await Draft.markFailed(draftId, 'could not schedule: Temporal is unreachable');
    throw error;
  }
  return {
    ...presentDraft(created.toObject()),
    ...(attachments.length ? { attachments: describeAttachments(attachments) } : {}),
  };
}
