import type { Types } from 'mongoose';
import {
  Conversation,
  countingOf,
  discardKnownDrafts,
  Draft,
  isStoppedByReply,
  LiveDraft,
  REPLY_REASON,
  STOPPED_BY_REPLY,
  type CountedEvent,
  type CountedSequence,
} from '@follow-ups/db';
import { waitForClaimedDrafts } from './inFlightDrafts';
import { discardEvents, LIVE_ENTRY_FIELDS, type LiveEntry } from './discardCounts';

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
 * The drafts are found through LiveDraft (those that may still be sent), never by scanning history:
 * `known`, the conversation's entries as the match read them, spares that read. Discarded in bulk
 * (draftBulkMoves.ts); returns what the discards count, for the reply's one analytics write, and
 * the conversation's counting state.
 */
export async function discardPendingFollowUps(
  reply: AcceptedReply,
  known?: LiveEntry[],
): Promise<{ discarded: CountedEvent[]; counting: CountedSequence | null }> {
  const { organization, conversation, receivedAt } = reply;
  // The reply joins the conversation's thread in the same write (recordMessage then leaves it);
  // `repliedAt` (which a retried send checks, worker resendUnknown.ts) is in place before the wait.
  // The write returns the conversation's counting state: the reply is counted on it without a read.
  const [kept, { live, moved, at }] = await Promise.all([
    Conversation.findOneAndUpdate(
      { _id: conversation, organization },
      { $max: { repliedAt: receivedAt, lastActivityAt: receivedAt }, $addToSet: { thread: reply.messageId } },
    ).lean(),
    discardStoppedByReply(reply, known),
  ]);
  await waitForClaimedDrafts(live.filter((_, i) => !moved[i]).map((d) => d._id));
  const discarded = await discardEvents(
    live.filter((_, i) => moved[i]),
    at,
  );
  return { discarded, counting: countingOf(kept) };
}

/** The conversation's drafts a reply stops, each discarded unless another writer moved it first (`moved` false). */
async function discardStoppedByReply(reply: AcceptedReply, known?: LiveEntry[]) {
  const { organization, conversation } = reply;
  let live = (
    known ?? (await LiveDraft.find({ organization, conversation, ...STOPPED_BY_REPLY }, LIVE_ENTRY_FIELDS).lean())
  ).filter((d) => isStoppedByReply(d) && String(d.organization) === String(organization));
  if (reply.createdBefore && live.length) {
    const older = await Draft.find(
      { _id: { $in: live.map((d) => d._id) }, organization, createdAt: { $lte: reply.createdBefore } },
      { _id: 1 },
    ).lean();
    const ids = new Set(older.map((d) => String(d._id)));
    live = live.filter((d) => ids.has(String(d._id)));
  }
  return { live, ...(await discardKnownDrafts(live, REPLY_REASON)) };
}
