import type { Types } from 'mongoose';
import { applyPendingRules } from '@follow-ups/automation';
import type { InboundResult } from '@follow-ups/contract';
import { Conversation, derivedObjectId, isDuplicateKeyError, Message, type MessageDoc } from '@follow-ups/db';
import type { AppDeps } from '../deps';
import { rulesDeps } from '../drafts/retryPendingRules';
import { log } from '../log';
import type { OwnOutgoing } from './ownMail';
import { storedMailFields } from './parse';
import { recordDelivery } from './record';

/** How long the webhook waits for Temporal while running the rules before leaving them to the rules outbox. */
const RULES_IN_REQUEST_MS = 3_000;

type ConversationRef = { _id: Types.ObjectId; team?: Types.ObjectId | null };

/** The conversation its In-Reply-To or References point to (newest first), among the organization's messages. */
async function threadConversation(own: OwnOutgoing): Promise<ConversationRef | null> {
  const { mail, organization } = own;
  const ids = [...new Set([...mail.inReplyTo, ...[...mail.references].reverse()])].slice(0, 100);
  if (!ids.length) return null;
  const found = await Message.find({ organization, messageId: { $in: ids } }, { conversation: 1, messageId: 1 }).lean();
  for (const id of ids) {
    const hit = found.find((m) => m.messageId === id);
    if (hit) return Conversation.findOne({ _id: hit.conversation, organization }, { team: 1 }).lean();
  }
  return null;
}

/**
 * The answered conversation's team; when it has none, the sender's team (their primary team), kept
 * on the conversation so the rules outbox and later mail see the same team.
 */
async function withSenderTeam(own: OwnOutgoing, conversation: ConversationRef): Promise<ConversationRef> {
  const team = own.sender.team;
  if (conversation.team || !team) return conversation;
  await Conversation.updateOne(
    { _id: conversation._id, organization: own.organization, $or: [{ team: { $exists: false } }, { team: null }] },
    { $set: { team } },
  );
  return { _id: conversation._id, team };
}

/**
 * Its conversation: the one it answers, else a new one whose id is derived from the mail (a repeated
 * copy finds it), in the sender's team; a conversation without a team gets the sender's.
 */
async function conversationOf(own: OwnOutgoing, at: Date): Promise<ConversationRef> {
  const existing = await threadConversation(own);
  if (existing) return withSenderTeam(own, existing);
  const { mail, organization } = own;
  const _id = derivedObjectId('mailbox', String(organization), mail.dedupeKey);
  const team = own.sender.team ?? undefined;
  await Conversation.create({
    _id,
    organization,
    subject: mail.subject,
    participants: [mail.from, ...mail.to, ...mail.cc],
    lastActivityAt: at,
    thread: [],
    threadKept: true,
    ...(team ? { team } : {}),
  }).catch((error: unknown) => {
    if (!isDuplicateKeyError(error)) throw error;
  });
  return { _id, team };
}

/** The sent mail as an outgoing Message of origin `mailbox`, its rules pending; the one recorded before when repeated. */
async function recordSent(own: OwnOutgoing, conversation: Types.ObjectId, at: Date): Promise<MessageDoc> {
  const { mail, organization } = own;
  const _id = derivedObjectId('mailbox-message', String(organization), mail.messageId);
  try {
    await Message.create({
      _id,
      organization,
      conversation,
      direction: 'outgoing',
      origin: 'mailbox',
      ...storedMailFields(mail),
      authentication: mail.authentication,
      rulesPending: true,
      at,
    });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  // The References of the follow-ups: they thread under it in the prospect's mailbox.
  await Conversation.updateOne(
    { _id: conversation, organization },
    { $addToSet: { thread: mail.messageId }, $max: { lastActivityAt: at } },
  );
  return (await Message.findOne({ organization, messageId: mail.messageId }).lean<MessageDoc>())!;
}

/**
 * Mail the organization sent from one of its own mailboxes (ownOutgoingOf): recorded in its
 * conversation and given the outgoing rules exactly as `POST /v1/drafts` with `send: true` — never
 * sent again. Every copy (Bcc and redirect, SendGrid's retries) is one InboundMail: the first runs the
 * rules, a later one only finishes what an interrupted first left (rules still pending). When Temporal
 * is slow the rules outbox runs them. A copy whose From SPF and DKIM do not vouch for is recorded as
 * suspicious and starts nothing.
 */
export async function receiveOwnMail(
  deps: AppDeps,
  own: OwnOutgoing,
  receivedAt: Date,
): Promise<InboundResult['status']> {
  const { mail, organization } = own;
  if (!mail.authentication.authenticated) {
    const reason = `claims to come from ${own.sender.email}, but could not be authenticated (${mail.authentication.reason}): suspicious, started nothing`;
    const earlier = await recordDelivery({ ...mail }, { matched: false, reason, organization }, receivedAt);
    log.warn(
      { organization: String(organization), from: mail.from.address, reason: mail.authentication.reason },
      'forged mail from a user?',
    );
    return earlier ? 'duplicate' : 'ignored';
  }
  const conversation = await conversationOf(own, receivedAt);
  const earlier = await recordDelivery(
    mail,
    { matched: true, organization, conversation: conversation._id, by: 'log-address', internal: false },
    receivedAt,
  );
  const message = await recordSent(own, conversation._id, earlier?.receivedAt ?? receivedAt);
  if (message.rulesPending) {
    const team = conversation.team ? String(conversation.team) : null;
    try {
      await deps.temporal.withDeadline(Date.now() + RULES_IN_REQUEST_MS, () =>
        applyPendingRules(rulesDeps(deps), message, team),
      );
    } catch (error) {
      log.warn({ err: error, messageId: String(message._id) }, 'outgoing rules of a mailbox mail left to the outbox');
    }
  }
  return earlier ? 'duplicate' : 'accepted';
}
