import { Conversation, Draft, Message, type DraftDoc, type MessageDoc } from '@follow-ups/db';
import { PermanentMailError, TransientMailError, type OutgoingMail } from '@follow-ups/mailer';
import type { SendOutcome } from '../../../../workflows/src/types';
import type { ActivityDeps } from './deps';

const UNCERTAIN = 'interrupted while SendGrid was being called; not sent again so that nobody gets it twice';

type Delivery = {
  organizationId: string;
  draftId: string;
  origin: 'api' | 'automation';
  compose: (draft: DraftDoc) => Promise<OutgoingMail>;
};

/**
 * Sends one draft at most once (README "At most once"):
 * 1. claim it, scheduled → sending (a unique transition record makes exactly one caller win);
 * 2. mark `inFlightSince`, call SendGrid, record the Message (unique Message-ID), mark it sent.
 * A retry that finds the draft `sending` finishes from the recorded Message if there is one,
 * sends if the previous attempt never reached SendGrid, and otherwise gives up as `failed`.
 */
export async function deliverDraft(deps: ActivityDeps, job: Delivery): Promise<SendOutcome & { message?: MessageDoc }> {
  const scope = { _id: job.draftId, organization: job.organizationId };
  if (!(await Draft.claimForSending(job.draftId))) {
    const settled = await settleUnclaimed(job);
    if (settled) return settled;
  }
  const draft = await Draft.findOne(scope).lean();
  if (!draft) return { outcome: 'skipped', status: 'failed', reason: 'draft not found' };

  let mail: OutgoingMail;
  try {
    mail = await job.compose(draft);
  } catch (error) {
    return fail(job.draftId, `could not compose: ${(error as Error).message}`);
  }

  await Draft.updateOne({ ...scope, status: 'sending' }, { $set: { inFlightSince: new Date() } });
  let providerMessageId: string | null;
  try {
    ({ providerMessageId } = await deps.mailer.send(mail));
  } catch (error) {
    if (error instanceof PermanentMailError) return fail(job.draftId, `rejected by SendGrid: ${error.message}`);
    // SendGrid answered with an error (429, 5xx) or was never reached: not accepted, safe to retry.
    // A timeout or a reset connection leaves the outcome unknown: the marker stays, so the retry
    // gives up instead of risking a second copy.
    const answered = error instanceof TransientMailError && (error.status !== undefined || !error.outcomeUnknown);
    if (answered) await Draft.updateOne({ ...scope, status: 'sending' }, { $unset: { inFlightSince: 1 } });
    throw error;
  }

  const sentAt = (deps.now ?? (() => new Date()))();
  const message = await Message.create({
    organization: draft.organization,
    conversation: draft.conversation,
    direction: 'outgoing',
    origin: job.origin,
    ...mail,
    references: mail.references ?? [],
    providerMessageId: providerMessageId ?? undefined,
    rulesPending: job.origin === 'api',
    draft: draft._id,
    rule: draft.rule,
    at: sentAt,
  });
  await Draft.markSent(job.draftId, message._id);
  await Conversation.updateOne({ _id: draft.conversation }, { $set: { lastActivityAt: sentAt } });
  return { outcome: 'sent', messageId: mail.messageId, sentAt: sentAt.toISOString(), message: message.toObject() };
}

/** The claim failed. Returns the final outcome, or null when this attempt should send after all. */
async function settleUnclaimed(job: Delivery): Promise<SendOutcome | null> {
  const draft = await Draft.findOne({ _id: job.draftId, organization: job.organizationId }).lean();
  if (!draft) return { outcome: 'skipped', status: 'failed', reason: 'draft not found' };
  if (draft.status === 'sent') return { outcome: 'sent', messageId: draft.messageId, sentAt: (draft.sentAt ?? new Date()).toISOString() };
  if (draft.status !== 'sending') return { outcome: 'skipped', status: draft.status, reason: draft.reason ?? draft.status };

  const recorded = await Message.findOne({ organization: draft.organization, messageId: draft.messageId }).lean();
  if (recorded) {
    await Draft.markSent(job.draftId, recorded._id);
    return { outcome: 'sent', messageId: draft.messageId, sentAt: recorded.at.toISOString() };
  }
  if (draft.inFlightSince) return fail(job.draftId, UNCERTAIN);
  return null; // the previous attempt stopped before calling SendGrid
}

async function fail(draftId: string, reason: string): Promise<SendOutcome> {
  await Draft.markFailed(draftId, reason);
  return { outcome: 'skipped', status: 'failed', reason };
}
