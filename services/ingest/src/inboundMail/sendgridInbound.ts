import express from 'express';
import type { Types } from 'mongoose';
import { webhooksRouter, type InboundResult } from '@follow-ups/contract';
import { isDatabaseError, type InboundMailDoc } from '@follow-ups/db';
import type { AppDeps } from '../deps';
import { discardPendingFollowUps } from './acceptReply';
import type { LiveEntry } from './discardCounts';
import { passOn, type SequenceNews } from './replyOutbox';
import { keepUnmatched } from './unmatched';
import { localReturnDate } from './outOfOffice';
import { handleUnsubscribeMail, isUnsubscribeAddress } from '../unsubscribe/handleUnsubscribeMail';
import { requireInboundAuth } from './auth';
import { answerUnavailable, beforeDeadline, deadlineMs, isTransientFault } from './failFast';
import { log } from '../log';
import { ownOutgoingOf, type Received } from './ownMail';
import { receiveOwnMail } from './receiveOwnMail';
import { authenticationOf } from './authenticity';
import { byLogAddress, matchConversation, type ConversationMatch } from './match';
import { parseInbound, type InboundEmail, type ParsedInbound } from './parse';
import { inboundPostOf, readMultipart, type InboundPost } from './payload';
import { recordDelivery, recordMessage, recordUnparseable } from './record';
import { currentTime } from '@follow-ups/domain';
import { countInbound } from '../analytics/countInbound';

/** `live`: the conversation's LiveDraft entries, when the match read them (a reply address). */
type Where = { organization: Types.ObjectId; conversation: Types.ObjectId; live?: LiveEntry[] };
type Sender = Received & { from: NonNullable<InboundEmail['from']> };
/** `untrusted`: reached the log address (not a signed reply address) from a From domain SPF and DKIM do not vouch for. */
type Context = Where & { internal: boolean; viaLog?: boolean; untrusted?: boolean };

/**
 * POST /webhooks/sendgrid/inbound/:secret (declared in the contract's `webhooksRouter`). Mounted
 * before express.json(): the body is multipart. Every outcome SendGrid must not retry is a 200.
 */
export function sendgridInboundRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.post(webhooksRouter.sendgridInbound.path, requireInboundAuth(deps), readMultipart, (req, res, next) => {
    receiveWithinDeadline(deps, req.body).then(
      (status) => res.status(200).json({ status } satisfies InboundResult),
      (error: unknown) => (isTransientFault(error) ? answerUnavailable(res, error) : next(error)),
    );
  });
  return router;
}

/**
 * Parsing (bounded work on the post's files, which may take seconds for a 30 MB mail on a loaded
 * machine) is not timed; what waits on the database and Temporal has its deadline (deadlineMs).
 */
async function receiveWithinDeadline(deps: AppDeps, body: unknown): Promise<InboundResult['status']> {
  const post = inboundPostOf(body);
  const parsed = await parseInbound(post);
  const deadline = Date.now() + deadlineMs(parsed.parsed ? parsed.mail.attachments : []);
  const late = (error: unknown) =>
    Date.now() >= deadline && log.warn({ err: error }, 'inbound post finished after its 503');
  return beforeDeadline(receiveWithRetries(deps, post, parsed, deadline), deadline, late);
}

/** A retry starts only with this much time left before the deadline (a database call may take 5 s to fail). */
const RETRY_NEEDS_MS = 5_500;

/**
 * A busy or briefly unreachable database (FerretDB's SQLITE_BUSY under load) is retried here, twice,
 * before SendGrid has to: every step is idempotent, so a second pass finishes what the first began.
 * An unreachable one is SendGrid's to retry (503): no pass starts that could not finish in time.
 */
async function receiveWithRetries(
  deps: AppDeps,
  post: InboundPost,
  parsed: ParsedInbound,
  deadline: number,
): Promise<InboundResult['status']> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await receiveInbound(deps, post, parsed);
    } catch (error) {
      if (!isDatabaseError(error) || attempt >= 3 || deadline - Date.now() < RETRY_NEEDS_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150 * attempt));
    }
  }
}

async function receiveInbound(
  deps: AppDeps,
  post: InboundPost,
  parsed: ParsedInbound,
): Promise<InboundResult['status']> {
  const receivedAt = currentTime(deps);
  if (!parsed.parsed) return recordUnparseable(deps, parsed.mail, receivedAt);
  const mail: Received = { ...parsed.mail, authentication: authenticationOf(post, parsed.mail.from) };
  // The List-Unsubscribe mailto: suppresses the sender and stops their sequences.
  if (
    mail.from &&
    mail.recipients.some(isUnsubscribeAddress) &&
    (await handleUnsubscribeMail(deps, { to: mail.recipients, from: mail.from.address }))
  )
    return 'accepted';
  // The organization's own mail to the outside, copied to its log address: its outgoing rules run on it.
  const own = await ownOutgoingOf(mail, deps);
  if (own) return receiveOwnMail(deps, own, receivedAt);
  const match: ConversationMatch = mail.from
    ? await matchConversation(mail, deps)
    : { matched: false, reason: 'no valid From address' };

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
  await applyReply(deps, mail, contextOf(deps, mail, match, match), receivedAt);
  return 'accepted';
}

const hasSender = (mail: Received): mail is Sender => mail.from !== null;

/**
 * Mail caught through the log address came from a salesperson's own mailbox, which has it. Its
 * sender is trusted only when SPF or DKIM vouch for its From domain; a signed reply address is a
 * capability of its own (the token), whatever the checks say.
 */
function contextOf(deps: AppDeps, mail: Received, match: ConversationMatch, where: Where): Context {
  const relayed = match.matched && match.by === 'reply-address';
  const toLog = !relayed && byLogAddress(mail.recipients, deps) !== null;
  return {
    ...where,
    internal: match.matched && match.internal,
    viaLog: toLog,
    untrusted: toLog && !mail.authentication.authenticated,
  };
}

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
  where: Context,
  receivedAt: Date,
  createdBefore?: Date,
): Promise<void> {
  const reply = { ...where, messageId: mail.messageId, from: mail.from.address, receivedAt, createdBefore };
  const counts = !where.internal && !where.untrusted;
  const stops = counts && !mail.autoReply;
  const { discarded, counting } = stops
    ? await discardPendingFollowUps(reply, where.live)
    : { discarded: [], counting: undefined };
  const recorded = await recordMessage(mail, where, receivedAt, !stops);
  const news: SequenceNews | undefined = stops
    ? { kind: 'signal' }
    : mail.outOfOffice && counts
      ? { kind: 'out_of_office', returnDate: await localReturnDate(mail, where.organization, receivedAt) }
      : undefined;
  // Counting and Temporal need nothing of each other: the 200 waits for the slower one only.
  await Promise.all([
    countInbound(where, mail, receivedAt, discarded, counting ?? recorded),
    passOn(deps, reply, news),
  ]);
}

/**
 * A repeated delivery changes nothing, unless the first one died half-way (SendGrid retries
 * because it got no 200): then the remaining steps are finished, once (each is idempotent).
 */
async function resumeInterrupted(
  deps: AppDeps,
  mail: Received,
  match: ConversationMatch,
  earlier: InboundMailDoc,
): Promise<void> {
  if (!hasSender(mail)) return;
  if (!earlier.matched) {
    if (!match.matched && match.organization && !match.internal)
      await keepUnmatched(deps, mail, match.organization, earlier.receivedAt);
    return;
  }
  if (!earlier.organization || !earlier.conversation) return;
  const where = contextOf(deps, mail, match, {
    organization: earlier.organization,
    conversation: earlier.conversation,
  });
  await applyReply(deps, mail, where, earlier.receivedAt, earlier.createdAt ?? earlier.receivedAt);
}
