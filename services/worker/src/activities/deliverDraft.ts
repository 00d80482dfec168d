import {
  Conversation,
  DeliveryEvent,
  Draft,
  findDraftById,
  isDatabaseError,
  Message,
  noteStepSent,
  recordOutgoing,
  suppressionBlocks,
  type DraftDoc,
  type MessageDoc,
} from '@follow-ups/db';
import type { OutgoingMail } from '@follow-ups/mailer';
import type { SendOutcome } from '@follow-ups/workflows';
import type { ActivityDeps } from './deps';
import { callProvider } from './providerCall';
import { replyArrivedSince, REPLY_REASON } from './replyFence';
import { currentTime } from '@follow-ups/domain';

const UNKNOWN = 'interrupted while SendGrid was being called: it may have been delivered, so it is not sent again';

/** The outcome, with what this attempt recorded when it sent: the Message, and the draft's step and rule (for the hook event). */
export type Delivered = SendOutcome & { message?: MessageDoc; sentDraft?: Pick<DraftDoc, 'step' | 'rule'> };

export type Delivery = {
  organizationId: string;
  draftId: string;
  origin: 'api' | 'automation';
  compose: (draft: DraftDoc) => Promise<OutgoingMail>;
  /**
   * The reason (`bounced`, …) when one of the addresses is suppressed, else null; asked after `compose`.
   * Default: a read of their suppressions. A follow-up answers from the process's cache under the
   * `suppressionsVersion` its compose read (sendFollowUp.ts).
   */
  suppressed?: (addresses: string[]) => Promise<string | null>;
};

/** Nothing goes to a bounced, complained or unsubscribed address (the sender's own bcc copy aside). */
export function suppressionOf(job: Delivery, mail: OutgoingMail): Promise<string | null> {
  const addresses = [...mail.to, ...mail.cc].map((a) => a.address);
  return job.suppressed ? job.suppressed(addresses) : suppressionBlocks(job.organizationId, addresses);
}

/**
 * Sends one draft at most once, and never after an accepted reply (docs/at-most-once.md):
 * 1. compose the mail while the draft is still `scheduled` (all the reads happen here);
 * 2. claim it, scheduled → sending: a unique transition record makes exactly one caller win, the
 *    reply webhook's discard included — so from here on only the provider call is left, and the
 *    webhook waits for claimed drafts to settle before it answers;
 * 3. mark `inFlightSince` (with the claim), call SendGrid, record the Message (unique Message-ID), mark it
 *    sent: that move needs no transition record, this attempt's Message insert decided it (`markRecordedSent`).
 * A retry that finds the draft `sending` finishes from the recorded Message if there is one, sends
 * if the previous attempt never reached SendGrid (unless a reply came since), and otherwise marks it
 * `unknown`: the mail may have left. An `unknown` outcome carries `reconcileAfterMs`: the caller
 * waits that long, then `resendUnknown` settles it against the Event Webhook (resendUnknown.ts).
 */
export async function deliverDraft(deps: ActivityDeps, job: Delivery): Promise<Delivered> {
  const outcome = await deliverOnce(deps, job);
  const graceMs = deps.unknownResendAfterMs ?? 0;
  return outcome.outcome === 'skipped' && outcome.status === 'unknown' && graceMs > 0
    ? { ...outcome, reconcileAfterMs: graceMs }
    : outcome;
}

async function deliverOnce(deps: ActivityDeps, job: Delivery): Promise<Delivered> {
  // A retry of a draft that ended long ago finds it in the history and reports its outcome.
  const draft = await findDraftById({ _id: job.draftId, organization: job.organizationId });
  if (!draft) return { outcome: 'skipped', status: 'failed', reason: 'draft not found' };
  if (draft.status !== 'scheduled') return resumeAfterClaim(deps, job, draft);

  const mail = await composeOrFail(job, draft);
  if (!mail) return skippedAs(job.draftId);
  const suppressed = await suppressionOf(job, mail);
  if (suppressed) {
    await Draft.discardOne(job.organizationId, job.draftId, suppressed);
    return skippedAs(job.draftId);
  }
  // Only the SendGrid call is left after the claim: it marks the draft in flight in the same write.
  if (!(await Draft.claimForSending(job.draftId, draft, { inFlightSince: new Date() }))) {
    const now = await Draft.findById(job.draftId).lean();
    return now ? resumeAfterClaim(deps, job, now) : { outcome: 'skipped', status: 'failed', reason: 'draft not found' };
  }
  return send(deps, job, draft, mail, true);
}

/** The draft left `scheduled` before this attempt: report its outcome, or finish a crashed attempt. */
async function resumeAfterClaim(deps: ActivityDeps, job: Delivery, draft: DraftDoc): Promise<Delivered> {
  if (draft.status === 'sent')
    return { outcome: 'sent', messageId: draft.messageId, sentAt: (draft.sentAt ?? new Date()).toISOString() };
  if (draft.status !== 'sending') return skipped(draft);

  const recorded = await Message.findOne({ organization: draft.organization, messageId: draft.messageId }).lean();
  if (recorded) {
    // The crashed attempt may have died before its write of the thread: made again (idempotent).
    await Promise.all([Draft.markSent(job.draftId, recorded._id), joinThread(draft, recorded.messageId, recorded.at)]);
    return { outcome: 'sent', messageId: draft.messageId, sentAt: recorded.at.toISOString() };
  }
  if (draft.inFlightSince) {
    await markUnknown(job.draftId, UNKNOWN);
    return skippedAs(job.draftId);
  }
  // The previous attempt stopped before calling SendGrid. A reply accepted meanwhile would have
  // discarded the draft had it still been scheduled: it wins here too.
  if (await replyArrivedSince(draft)) {
    await Draft.discardClaimed(job.draftId, REPLY_REASON);
    return skippedAs(job.draftId);
  }
  const mail = await composeOrFail(job, draft);
  if (!mail) return skippedAs(job.draftId);
  const suppressed = await suppressionOf(job, mail);
  if (suppressed) {
    await Draft.discardClaimed(job.draftId, suppressed);
    return skippedAs(job.draftId);
  }
  return send(deps, job, draft, mail);
}

/** The mail of the draft, or null when it can never be composed (the draft is then `failed`). */
async function composeOrFail(job: Delivery, draft: DraftDoc): Promise<OutgoingMail | null> {
  try {
    return await job.compose(draft);
  } catch (error) {
    // A database hiccup is retried by Temporal (the draft keeps its state); anything else
    // (template, deleted response, missing conversation) fails this draft only.
    if (isDatabaseError(error)) throw error;
    await Draft.markFailed(job.draftId, `could not compose: ${(error as Error).message}`);
    return null;
  }
}

/** `marked`: the claim already set `inFlightSince`. */
async function send(
  deps: ActivityDeps,
  job: Delivery,
  draft: DraftDoc,
  mail: OutgoingMail,
  marked = false,
): Promise<Delivered> {
  const answer = await callProvider(
    deps.mailer,
    { _id: job.draftId, organization: job.organizationId, status: 'sending' },
    'inFlightSince',
    mail,
    marked,
  );
  if (!answer.accepted) {
    if (answer.outcome === 'refused') await Draft.markFailed(job.draftId, `rejected by SendGrid: ${answer.message}`);
    else await markUnknown(job.draftId, `${UNKNOWN} (${answer.message})`); // never sent again by this path
    return skippedAs(job.draftId);
  }
  return recordSent(deps, job, draft, mail, answer.providerMessageId, (messageId) =>
    Draft.markRecordedSent(draft, messageId),
  );
}

/** Records the Message SendGrid accepted (unique Message-ID), then marks the draft sent with `markSent`. */
export async function recordSent(
  deps: ActivityDeps,
  job: Delivery,
  draft: DraftDoc,
  mail: OutgoingMail,
  providerMessageId: string | null,
  markSent: (messageObjectId: MessageDoc['_id']) => Promise<boolean>,
): Promise<Delivered & { message: MessageDoc }> {
  const sentAt = currentTime(deps);
  const message = await recordOutgoing({
    organization: draft.organization,
    conversation: draft.conversation,
    origin: job.origin,
    mail,
    providerMessageId,
    rulesPending: job.origin === 'api',
    draft: draft._id,
    rule: draft.rule,
    at: sentAt,
  });
  // Independent writes, both idempotent: side by side.
  await Promise.all([markSent(message._id), joinThread(draft, mail.messageId, sentAt)]);
  return {
    outcome: 'sent',
    messageId: mail.messageId,
    sentAt: sentAt.toISOString(),
    message,
    sentDraft: { step: draft.step, rule: draft.rule },
  };
}

/**
 * The sent mail joins its conversation's thread (the References of the next one); a follow-up's step
 * becomes the conversation's last step sent for analytics in the same write (`noteStepSent`).
 */
function joinThread(draft: DraftDoc, messageId: string, at: Date): Promise<unknown> {
  const thread = { $set: { lastActivityAt: at }, $addToSet: { thread: messageId } };
  if (draft.kind !== 'followup' || !draft.step || !draft.triggerMessage)
    return Conversation.updateOne({ _id: draft.conversation }, thread);
  const [organization, conversation] = [String(draft.organization), String(draft.conversation)];
  return noteStepSent(organization, conversation, String(draft.triggerMessage), draft.step, at, thread);
}

/** sending → unknown; at once `sent` if SendGrid's Event Webhook already reported the mail (it can beat the retry). */
async function markUnknown(draftId: string, reason: string): Promise<void> {
  await Draft.markUnknown(draftId, reason);
  if (await DeliveryEvent.exists({ draft: draftId }))
    await Draft.confirmReceived(draftId, "confirmed by SendGrid's Event Webhook (an event arrived during the call)");
}

/** The outcome of a draft that will not be sent by this attempt, as it now stands. */
export async function skippedAs(draftId: string): Promise<SendOutcome> {
  const draft = await Draft.findById(draftId).lean();
  if (draft?.status === 'sent')
    return { outcome: 'sent', messageId: draft.messageId, sentAt: (draft.sentAt ?? new Date()).toISOString() };
  return draft ? skipped(draft) : { outcome: 'skipped', status: 'failed', reason: 'draft not found' };
}

export function skipped(draft: DraftDoc): SendOutcome {
  const reason = draft.reason ?? draft.status;
  return {
    outcome: 'skipped',
    status: draft.status,
    reason,
    replied: draft.status === 'discarded' && reason === REPLY_REASON,
  };
}
