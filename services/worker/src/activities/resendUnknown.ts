import {
  Conversation,
  DeliveryEvent,
  Draft,
  isDatabaseError,
  isStoppedByReply,
  Message,
  type DraftDoc,
} from '@follow-ups/db';
import type { OutgoingMail } from '@follow-ups/mailer';
import type { ActivityDeps } from './deps';
import { recordSent, skippedAs, suppressionOf, type Delivered, type Delivery } from './deliverDraft';
import { callProvider } from './providerCall';
import { replyArrivedSince } from './replyFence';

type Outcome = Delivered;

const CONFIRMED = "confirmed by SendGrid's Event Webhook";
const RESENT =
  'no Event Webhook event for it within the grace period although events for later mails arrived: resent once, same Message-ID';
const REPLIED = 'not resent: the prospect replied';
const AGAIN_UNKNOWN =
  'resent once after an unknown outcome, and the resend was interrupted during the SendGrid call too: never sent a third time';

/**
 * Settles an `unknown` delivery (docs/at-most-once.md), run once the grace period after it went
 * unknown has passed. In order:
 * 1. a recorded Message (an attempt that timed out went on) or an Event Webhook event about the
 *    draft → `sent` (SendGrid had it);
 * 2. no event has reached us since the draft went in flight → stays `unknown`: with no live webhook
 *    SendGrid's silence proves nothing, and a second copy is worse than none;
 * 3. a reply since, a suppressed recipient, a mail that can no longer be composed → stays `unknown`;
 * 4. otherwise it is resent ONCE, same Message-ID: `unknown → resending` is a unique transition
 *    (exclusive with an event's `unknown → sent`), `resentAt` marks the call in flight like
 *    `inFlightSince` does, and a resend interrupted during its call ends `unknown` for good.
 */
export async function resendUnknown(deps: ActivityDeps, job: Delivery): Promise<Outcome> {
  const draft = await Draft.findOne({ _id: job.draftId, organization: job.organizationId }).lean();
  if (!draft) return { outcome: 'skipped', status: 'failed', reason: 'draft not found' };
  if (draft.status === 'resending') return resumeResend(deps, job, draft);
  if (draft.status !== 'unknown') return skippedAs(job.draftId);

  // An attempt cut off by a timeout may have gone on and recorded what SendGrid accepted.
  const recorded = await Message.findOne(
    { organization: draft.organization, messageId: draft.messageId },
    { _id: 1 },
  ).lean();
  if (recorded) {
    await Draft.confirmReceived(
      job.draftId,
      'SendGrid accepted it: the attempt that timed out recorded the mail',
      recorded._id,
    );
    return skippedAs(job.draftId);
  }
  if (await DeliveryEvent.exists({ draft: draft._id })) {
    await Draft.confirmReceived(job.draftId, `${CONFIRMED} (found when reconciling)`);
    return skippedAs(job.draftId);
  }
  const since = draft.inFlightSince ?? draft.statusChangedAt;
  if (!(await eventWebhookLiveSince(since)))
    return stillUnknown(
      'not resent: no Event Webhook event has arrived since it went in flight, so SendGrid’s silence proves nothing',
    );
  if (await replyAccepted(draft)) return stillUnknown(REPLIED);
  const mail = await composeForResend(job, draft);
  if (typeof mail === 'string') return stillUnknown(mail);
  if (!(await Draft.claimResend(job.draftId, RESENT))) return skippedAs(job.draftId);
  return resend(deps, job, draft, mail);
}

/** The previous attempt claimed the resend and stopped: finish from what it left. */
async function resumeResend(deps: ActivityDeps, job: Delivery, draft: DraftDoc): Promise<Outcome> {
  const recorded = await Message.findOne({ organization: draft.organization, messageId: draft.messageId }).lean();
  if (recorded) {
    await Draft.markResent(job.draftId, recorded._id);
    return skippedAs(job.draftId);
  }
  if (draft.resentAt) return endResend(job.draftId, 'unknown', AGAIN_UNKNOWN);
  if (await replyAccepted(draft)) return endResend(job.draftId, 'unknown', REPLIED);
  const mail = await composeForResend(job, draft);
  if (typeof mail === 'string') return endResend(job.draftId, 'unknown', mail);
  // Renewed, so the reply webhook waits for this attempt as it would for a fresh claim (nothing
  // else writes a `resending` draft, so this write races with no status change).
  await Draft.updateOne({ _id: job.draftId, status: 'resending' }, { $set: { statusChangedAt: new Date() } });
  return resend(deps, job, draft, mail);
}

async function resend(deps: ActivityDeps, job: Delivery, draft: DraftDoc, mail: OutgoingMail): Promise<Outcome> {
  // The reply fence: the claim (`resending`) is written before this check, and the reply webhook
  // writes the conversation's `repliedAt` before it waits for claimed drafts (`sending`,
  // `resending`): one of the two always sees the other, so nothing leaves after its 200.
  if (await replyAccepted(draft)) return endResend(job.draftId, 'unknown', REPLIED);
  const answer = await callProvider(
    deps.mailer,
    { _id: job.draftId, organization: job.organizationId, status: 'resending' },
    'resentAt',
    mail,
  );
  if (!answer.accepted)
    return answer.outcome === 'refused'
      ? endResend(job.draftId, 'failed', `resend rejected by SendGrid: ${answer.message}`)
      : endResend(job.draftId, 'unknown', `${AGAIN_UNKNOWN} (${answer.message})`);
  return recordSent(deps, job, draft, mail, answer.providerMessageId, (messageId) =>
    Draft.markResent(job.draftId, messageId),
  );
}

/**
 * Whether the deployment's Event Webhook is live for this draft: an event that SendGrid stamped
 * after the draft went in flight has reached us (so events of that period do arrive).
 */
async function eventWebhookLiveSince(since: Date): Promise<boolean> {
  return (await DeliveryEvent.exists({ at: { $gt: since }, createdAt: { $gt: since } })) !== null;
}

/** A reply stopped this draft: the conversation's `repliedAt` (written first by the webhook) or the recorded reply. */
async function replyAccepted(draft: DraftDoc): Promise<boolean> {
  if (!isStoppedByReply(draft)) return false;
  const conversation = await Conversation.findById(draft.conversation, { repliedAt: 1 }).lean();
  if (conversation?.repliedAt && conversation.repliedAt >= draft.createdAt) return true;
  return replyArrivedSince(draft);
}

/** The mail again, or why it cannot be composed any more (the draft then stays `unknown`, never `failed`). */
async function composeForResend(job: Delivery, draft: DraftDoc): Promise<OutgoingMail | string> {
  try {
    const mail = await job.compose(draft);
    const suppressed = await suppressionOf(job, mail);
    return suppressed ? `not resent: ${suppressed}` : mail;
  } catch (error) {
    if (isDatabaseError(error)) throw error;
    return `not resent: could not compose it again (${(error as Error).message})`;
  }
}

async function endResend(draftId: string, to: 'unknown' | 'failed', reason: string): Promise<Outcome> {
  await Draft.endResend(draftId, to, reason);
  return skippedAs(draftId);
}

/** Left `unknown` (no write: the reason is reported to the caller, the draft keeps its own). */
function stillUnknown(reason: string): Outcome {
  return { outcome: 'skipped', status: 'unknown', reason };
}
