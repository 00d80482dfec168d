import type { Types } from 'mongoose';
import { Conversation, Draft, LiveDraft, REPLY_REASON, STOPPED_BY_REPLY } from '@follow-ups/db';
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
 * The drafts are found through LiveDraft (those that may still be sent), never by scanning history.
 */
export async function discardPendingFollowUps(reply: AcceptedReply): Promise<void> {
  const { organization, conversation, receivedAt } = reply;
  // The reply joins the conversation's thread in the same write (recordMessage then leaves it).
  await Conversation.updateOne(
    { _id: conversation, organization },
    { $max: { repliedAt: receivedAt, lastActivityAt: receivedAt }, $addToSet: { thread: reply.messageId } },
  );
  let live = await LiveDraft.find(
    { organization, conversation, ...STOPPED_BY_REPLY },
    { _id: 1, organization: 1 },
  ).lean();
  if (reply.createdBefore && live.length) {
    live = await Draft.find(
      { _id: { $in: live.map((d) => d._id) }, organization, createdAt: { $lte: reply.createdBefore } },
      { _id: 1, organization: 1 },
    ).lean();
  }
  // A false means another writer moved the draft first (claimed or discarded it).
  const discarded = await Draft.discardLive(live, REPLY_REASON);
  await waitForClaimedDrafts(live.filter((_, i) => !discarded[i]).map((d) => d._id));
}
