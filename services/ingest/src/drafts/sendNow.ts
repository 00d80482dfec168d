import { Types } from 'mongoose';
import type { CreateDraft, Draft as ApiDraft } from '@follow-ups/contract';
import { Conversation, Message, Organization, settingsOf } from '@follow-ups/db';
import { applyPendingRules, labelsOfRules, listUnsubscribe, outgoingMail } from '@follow-ups/automation';
import { PermanentMailError, TransientMailError } from '@follow-ups/mailer';
import type { AppDeps } from '../deps';
import { AppError } from '../http/appError';
import { prepareDraft } from './prepareDraft';
import { RULES_DEADLINE_MS, rulesDeps } from './retryPendingRules';
import { log } from '../log';
import { currentTime, unixSeconds } from '@follow-ups/domain';

/**
 * `send: true`: sends through SendGrid first, and only then stores the conversation and message,
 * adds the requested labels and runs the outgoing rules (which may start a follow-up sequence).
 * A provider failure is a 502 and leaves nothing behind.
 */
export async function sendNow(deps: AppDeps, organization: string, draft: CreateDraft): Promise<ApiDraft> {
  const prepared = await prepareDraft(organization, draft, deps.replyDomain);
  const conversationId = String(prepared.conversation._id);
  const org = await Organization.findById(organization, { settings: 1, rulesVersion: 1 }).lean();
  const settings = settingsOf(org);
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
    headers: settings.unsubscribeOnSends ? listUnsubscribe(deps, organization, draft.to_fields[0].address) : undefined,
  });
  let providerMessageId: string | null;
  try {
    ({ providerMessageId } = await deps.mailer.send(mail));
  } catch (error) {
    if (error instanceof PermanentMailError || error instanceof TransientMailError) throw new AppError('provider_error', `SendGrid did not accept the message: ${error.message}`);
    throw error;
  }

  const now = currentTime(deps);
  const teamId = prepared.conversation.team ? String(prepared.conversation.team) : draft.team;
  const fields = { ...mail, organization, conversation: conversationId, direction: 'outgoing' as const, origin: 'api' as const, providerMessageId: providerMessageId ?? undefined, rulesPending: true, at: now };
  // The rules' labels are written with the conversation, in the one write it gets anyway.
  const ruleLabels = await labelsOfRules({ ...fields, organization: new Types.ObjectId(organization) }, teamId, org?.rulesVersion ?? 0);
  const labels = [...prepared.labels, ...ruleLabels.map((l) => new Types.ObjectId(l))];
  if (prepared.isNewConversation) await Conversation.create({ ...prepared.conversation, labels, lastActivityAt: now });
  else await Conversation.updateOne({ _id: conversationId, organization }, { $set: { lastActivityAt: now }, $addToSet: { labels: { $each: labels } } });
  const message = await Message.create(fields);
  try {
    await deps.temporal.withDeadline(Date.now() + RULES_DEADLINE_MS, () =>
      applyPendingRules(rulesDeps(deps), message.toObject(), teamId, { rulesVersion: org?.rulesVersion ?? 0, labels: ruleLabels, recipientsChecked: true }),
    );
  } catch (error) {
    // The mail is sent: answer 201 so the client does not send it again; the outbox retries the rules.
    log.warn({ err: error, messageId: String(message._id) }, 'outgoing rules left to the outbox');
  }
  return { id: String(message._id), conversation: conversationId, status: 'sent', kind: 'sent_now', send_at: null, sent_at: unixSeconds(now), message: String(message._id) };
}
