import express from 'express';
import type { Types } from 'mongoose';
import { webhooksRouter, type InboundResult } from '@follow-ups/contract';
import type { InboundMailDoc } from '@follow-ups/db';
import type { AppDeps } from '../deps';
import { discardPendingFollowUps } from './acceptReply';
import { signalSequence } from './replySignal';
import { requireInboundAuth } from './auth';
import { matchConversation, type ConversationMatch } from './match';
import { parseInbound, type InboundEmail } from './parse';
import { inboundPostOf, readMultipart } from './payload';
import { messageRecorded, recordDelivery, recordMessage } from './record';

type Where = { organization: Types.ObjectId; conversation: Types.ObjectId };
type Sender = InboundEmail & { from: NonNullable<InboundEmail['from']> };

/**
 * POST /webhooks/sendgrid/inbound/:secret (declared in the contract's `webhooksRouter`). Mounted
 * before express.json(): the body is multipart. Every outcome SendGrid must not retry is a 200.
 */
export function sendgridInboundRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.post(webhooksRouter.sendgridInbound.path, requireInboundAuth(deps), readMultipart, (req, res, next) => {
    receiveInbound(deps, req.body).then((status) => res.status(200).json({ status } satisfies InboundResult), next);
  });
  return router;
}

async function receiveInbound(deps: AppDeps, body: unknown): Promise<InboundResult['status']> {
  const mail = await parseInbound(inboundPostOf(body));
  const receivedAt = (deps.now ?? (() => new Date()))();
  const match: ConversationMatch = mail.from ? await matchConversation(mail, deps) : { matched: false, reason: 'no valid From address' };

  const earlier = await recordDelivery(mail, match, receivedAt);
  if (earlier) {
    await resumeInterrupted(deps, mail, earlier);
    return 'duplicate';
  }
  if (!match.matched || !hasSender(mail)) return 'ignored';
  await applyReply(deps, mail, { organization: match.organization, conversation: match.conversation }, receivedAt);
  return 'accepted';
}

const hasSender = (mail: InboundEmail): mail is Sender => mail.from !== null;

/**
 * Auto-replies (out-of-office, RFC 3834 Auto-Submitted, delivery reports) are recorded and flagged
 * but do NOT stop the sequence: an out-of-office is not an answer, and the follow-ups are exactly
 * what the salesperson wants waiting for the prospect when they are back.
 * The Message is written last: its presence marks a delivery as fully processed.
 */
async function applyReply(deps: AppDeps, mail: Sender, where: Where, receivedAt: Date, createdBefore?: Date): Promise<void> {
  if (!mail.autoReply) {
    const reply = { ...where, messageId: mail.messageId, from: mail.from.address, receivedAt, createdBefore };
    await discardPendingFollowUps(reply);
    await signalSequence(deps, reply);
  }
  await recordMessage(mail, where, receivedAt);
}

/**
 * A repeated delivery changes nothing, unless the first one died half-way (SendGrid retries
 * because it got no 200): then the remaining steps are finished, once.
 */
async function resumeInterrupted(deps: AppDeps, mail: InboundEmail, earlier: InboundMailDoc): Promise<void> {
  if (!earlier.matched || !earlier.organization || !earlier.conversation || !hasSender(mail)) return;
  if (await messageRecorded(earlier.organization, mail.messageId)) return;
  const where = { organization: earlier.organization, conversation: earlier.conversation };
  await applyReply(deps, mail, where, earlier.receivedAt, earlier.createdAt ?? earlier.receivedAt);
}
