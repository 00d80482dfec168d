import type { Types } from 'mongoose';
import { Conversation, Draft, REPLY_REASON, STOPPED_BY_REPLY } from '@follow-ups/db';
import { waitForClaimedDrafts } from './inFlightDrafts';

export { REPLY_REASON };

export type AcceptedReply = {
  organization: Types.ObjectId;
  conversation: Types.ObjectId;
  messageId: string;
  from: string | null;
  receivedAt: Date;
  /** Set when resuming an interrupted delivery: drafts created later belong to a newer sequence. */
  createdBefore?: Date;
};

/**
 * The prospect answered: the conversation's pending follow-ups are discarded in MongoDB FIRST —
 * each through the draft transition lock, so a draft the sender has not claimed yet can never be
 * claimed afterwards — and a draft already claimed (its provider call under way) is waited for.
 * When this returns, nothing of the conversation is being sent and nothing more will be: the
 * webhook's 200 comes after every follow-up that will ever go out (README "Replies").
 */
export async function discardPendingFollowUps(reply: AcceptedReply): Promise<void> {
  const { organization, conversation, receivedAt } = reply;
  await Conversation.updateOne({ _id: conversation, organization }, { $max: { repliedAt: receivedAt, lastActivityAt: receivedAt } });
  const scope = {
    organization,
    conversation,
    ...STOPPED_BY_REPLY,
    ...(reply.createdBefore ? { createdAt: { $lte: reply.createdBefore } } : {}),
  };
  const pending = await Draft.find({ ...scope, status: 'scheduled' }, { _id: 1 }).lean();
  // A false from discardOne means another writer moved the draft first (claimed or discarded it).
  await Promise.all(pending.map((d) => Draft.discardOne(organization, d._id, REPLY_REASON)));
  await waitForClaimedDrafts(scope);
}
