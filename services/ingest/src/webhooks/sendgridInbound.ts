import express from 'express';
import type { Types } from 'mongoose';
import { webhooksRouter, type InboundResult } from '@follow-ups/contract';
import { isDatabaseError, type InboundMailDoc } from '@follow-ups/db';
import type { AppDeps } from '../deps';
import { discardPendingFollowUps } from './acceptReply';
import { forwardReceived, signalOutOfOffice, signalSequence } from './replyOutbox';
import { keepUnmatched } from './unmatched';
import { handleUnsubscribeMail, isUnsubscribeAddress } from '../unsubscribe/handleUnsubscribeMail';
import { requireInboundAuth } from './auth';
import { matchConversation, type ConversationMatch } from './match';
import { parseInbound, type InboundEmail } from './parse';
import { inboundPostOf, readMultipart } from './payload';
import { recordDelivery, recordMessage, recordUnparseable } from './record';
import { currentTime } from '@follow-ups/domain';
import { countInbound } from '../analytics/countInbound';

type Where = { organization: Types.ObjectId; conversation: Types.ObjectId };
type Sender = InboundEmail & { from: NonNullable<InboundEmail['from']> };

/**
 * POST /webhooks/sendgrid/inbound/:secret (declared in the contract's `webhooksRouter`). Mounted
 * before express.json(): the body is multipart. Every outcome SendGrid must not retry is a 200.
 */
export function sendgridInboundRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.post(webhooksRouter.sendgridInbound.path, requireInboundAuth(deps), readMultipart, (req, res, next) => {
    receiveWithRetries(deps, req.body).then((status) => res.status(200).json({ status } satisfies InboundResult), next);
  });
  return router;
}

/**
 * A busy or briefly unreachable database (FerretDB's SQLITE_BUSY under load) is retried here, twice,
 * before SendGrid has to: every step is idempotent, so a second pass finishes what the first began.
 */
async function receiveWithRetries(deps: AppDeps, body: unknown): Promise<InboundResult['status']> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await receiveInbound(deps, body);
    } catch (error) {
      if (!isDatabaseError(error) || attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150 * attempt));
    }
  }
}

async function receiveInbound(deps: AppDeps, body: unknown): Promise<InboundResult['status']> {
  const parsed = await parseInbound(inboundPostOf(body));
  const receivedAt = currentTime(deps);
  if (!parsed.parsed) return recordUnparseable(deps, parsed.mail, receivedAt);
  const { mail } = parsed;
  // The List-Unsubscribe mailto: suppresses the sender and stops their sequences.
  if (mail.from && mail.recipients.some(isUnsubscribeAddress) && (await handleUnsubscribeMail(deps, { to: mail.recipients, from: mail.from.address })))
    return 'accepted';
  const match: ConversationMatch = mail.from ? await matchConversation(mail, deps) : { matched: false, reason: 'no valid From address' };

  const earlier = await recordDelivery(mail, match, receivedAt);
  if (earlier) {
    await resumeInterrupted(deps, mail, match, earlier);
    return 'duplicate';
  }
  if (!hasSender(mail)) return 'ignored';
  if (!match.matched) {
    // Reached an organization's log address but answers nothing: forwarded to its fallback address.
    if (match.organization && !match.internal) await keepUnmatched(deps, mail, match.organization, receivedAt);
    return 'ignored';
  }
  await applyReply(
    deps,
    mail,
    { organization: match.organization, conversation: match.conversation, internal: match.internal, viaLog: match.by === 'log-address' },
    receivedAt,
  );
  return 'accepted';
}

const hasSender = (mail: InboundEmail): mail is Sender => mail.from !== null;

/**
 * Auto-replies (out-of-office, RFC 3834 Auto-Submitted, delivery reports) are recorded, flagged and
 * forwarded but do NOT stop the sequence: an out-of-office is not an answer, and the follow-ups are
 * exactly what the salesperson wants waiting for the prospect when they are back. Neither does
 * mail from the organization's own people reaching its log address (`internal`).
 * Every step is idempotent, so a repeated delivery can run them all again.
 */
async function applyReply(
  deps: AppDeps,
  mail: Sender,
  where: Where & { internal: boolean; viaLog?: boolean },
  receivedAt: Date,
  createdBefore?: Date,
): Promise<void> {
  const reply = { ...where, messageId: mail.messageId, from: mail.from.address, receivedAt, createdBefore };
  const stops = !mail.autoReply && !where.internal;
  if (stops) await discardPendingFollowUps(reply);
  await recordMessage(mail, where, receivedAt, !stops);
  await countInbound(where, mail, receivedAt);
  if (stops) await signalSequence(deps, reply);
  else if (mail.outOfOffice && !where.internal) await signalOutOfOffice(deps, reply, mail.outOfOffice.returnDate);
  await forwardReceived(deps, reply);
}

/**
 * A repeated delivery changes nothing, unless the first one died half-way (SendGrid retries
 * because it got no 200): then the remaining steps are finished, once (each is idempotent).
 */
async function resumeInterrupted(deps: AppDeps, mail: InboundEmail, match: ConversationMatch, earlier: InboundMailDoc): Promise<void> {
  if (!hasSender(mail)) return;
  if (!earlier.matched) {
    if (!match.matched && match.organization && !match.internal) await keepUnmatched(deps, mail, match.organization, earlier.receivedAt);
    return;
  }
  if (!earlier.organization || !earlier.conversation) return;
  const where = {
    organization: earlier.organization,
    conversation: earlier.conversation,
    internal: match.matched && match.internal,
    viaLog: match.matched && match.by === 'log-address',
  };
  await applyReply(deps, mail, where, earlier.receivedAt, earlier.createdAt ?? earlier.receivedAt);
}
