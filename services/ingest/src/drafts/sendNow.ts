import { Types } from 'mongoose';
import type { CreateDraft, Draft as ApiDraft } from '@follow-ups/contract';
import { Conversation, groupInsert, Message } from '@follow-ups/db';
import type { OrganizationRecord } from '@follow-ups/directory';
import {
  applyPendingRules,
  labelsOfRules,
  listUnsubscribe,
  outgoingMail,
  storeMailAttachments,
} from '@follow-ups/automation';
import { PermanentMailError, TransientMailError, type MailAttachment } from '@follow-ups/mailer';
import type { AppDeps } from '../deps';
import { AppError } from '../http/appError';
import { prepareDraft } from './prepareDraft';
import { applyConversationChanges, newConversationFields } from './conversationChanges';
import { decodeAttachments, describeAttachments } from './decodeAttachments';
import { RULES_DEADLINE_MS, rulesDeps } from './retryPendingRules';
import { log } from '../log';
import { currentTime, firstOf, unixSeconds } from '@follow-ups/domain';

/**
 * `send: true`: sends through SendGrid first, and only then stores the conversation and message,
 * applies the draft's conversation fields (labels, subject, team, close) and runs the outgoing rules
 * (which may start a follow-up sequence). The files are stored under the message's id, before the
 * message. A provider failure is a 502 and leaves nothing behind. `files`: already decoded ones (a saved draft's).
 * `org`: the organization as the request's token check read it (its settings and cache versions).
 */
export async function sendNow(
  deps: AppDeps,
  org: OrganizationRecord,
  draft: CreateDraft,
  files?: MailAttachment[],
): Promise<ApiDraft> {
  const organization = String(org._id);
  const { settings, rulesVersion, usersVersion } = org;
  const prepared = await prepareDraft(organization, draft, deps, org);
  const attachments = files ?? decodeAttachments(draft.attachments);
  const conversationId = String(prepared.conversation._id);
  const mail = outgoingMail(deps, {
    conversationId,
    from: draft.from_field,
    to: draft.to_fields,
    cc: draft.cc_fields,
    bcc: draft.bcc_fields,
    subject: prepared.subject,
    text: prepared.text,
    html: prepared.html,
    messageId: prepared.messageId,
    thread: prepared.references,
    copySender: settings.copySender,
    headers: settings.unsubscribeOnSends
      ? listUnsubscribe(deps, organization, firstOf(draft.to_fields, 'to_fields').address)
      : undefined,
    attachments,
  });
  let providerMessageId: string | null;
  try {
    ({ providerMessageId } = await deps.mailer.send(mail));
  } catch (error) {
    if (error instanceof PermanentMailError || error instanceof TransientMailError)
      throw new AppError('provider_error', `SendGrid did not accept the message: ${error.message}`);
    throw error;
  }

  const now = currentTime(deps);
  const teamId = prepared.conversation.team ? String(prepared.conversation.team) : draft.team;
  const { attachments: _files, ...stored } = mail;
  const fields = {
    ...stored,
    organization,
    conversation: conversationId,
    direction: 'outgoing' as const,
    origin: 'api' as const,
    providerMessageId: providerMessageId ?? undefined,
    rulesPending: true,
    at: now,
  };
  // The rules' labels go with the conversation's one write, unless the draft removes one of them
  // (the rules run after the draft's changes, so theirs are then added afterwards, as before).
  const ruleLabels = await labelsOfRules(
    { ...fields, organization: new Types.ObjectId(organization) },
    teamId,
    rulesVersion,
    usersVersion,
  );
  const removed = new Set(prepared.changes.removeLabels.map(String));
  const folded = ruleLabels.every((l) => !removed.has(l));
  const changes = folded
    ? {
        ...prepared.changes,
        addLabels: [
          ...prepared.changes.addLabels,
          ...ruleLabels
            .filter((l) => !prepared.changes.addLabels.some((a) => String(a) === l))
            .map((l) => new Types.ObjectId(l)),
        ],
      }
    : prepared.changes;
  // Built (cast, defaults, validated) before anything is written: a message the schema refuses writes nothing.
  const message = Message.typed({ ...fields, _id: new Types.ObjectId() }, now);
  // Both inserts go with those of concurrent sends (one insertMany per collection), each resolved once written.
  if (prepared.isNewConversation)
    // prepareDraft built it as a Conversation document already (cast, defaults): inserted as is, not hydrated again.
    await groupInsert(Conversation, [
      { ...newConversationFields(prepared.conversation, changes, now, mail.messageId), createdAt: now, updatedAt: now },
    ]);
  else await applyConversationChanges(organization, conversationId, changes, now, mail.messageId);
  await storeMailAttachments(organization, message._id, attachments);
  await groupInsert(Message, [message]);
  try {
    await deps.temporal.withDeadline(Date.now() + RULES_DEADLINE_MS, () =>
      applyPendingRules(rulesDeps(deps), message, teamId, {
        rulesVersion,
        settings,
        usersVersion,
        contactsVersion: org.contactsVersion,
        labels: folded ? ruleLabels : undefined,
        recipientsChecked: true,
      }),
    );
  } catch (error) {
    // The mail is sent: answer 201 so the client does not send it again; the outbox retries the rules.
    log.warn({ err: error, messageId: String(message._id) }, 'outgoing rules left to the outbox');
  }
  return {
    id: String(message._id),
    conversation: conversationId,
    status: 'sent',
    kind: 'sent_now',
    send_at: null,
    sent_at: unixSeconds(now),
    message: String(message._id),
    ...(attachments.length ? { attachments: describeAttachments(attachments) } : {}),
  };
}
