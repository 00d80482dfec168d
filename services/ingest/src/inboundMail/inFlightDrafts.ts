import type { Types } from 'mongoose';
import { Draft } from '@follow-ups/db';

/** SendGrid's own timeout is 30 s: a claim older than this is an attempt that died (its retry is fenced). */
const LIVE_CLAIM_MS = 45_000;
const POLL_MS = 25;
/** A first send and the one resend of an `unknown` delivery (worker resendUnknown.ts) are both fenced. */
const CLAIMED: readonly unknown[] = ['sending', 'resending'];

/**
 * Waits until those of the drafts that a sender has claimed (`sending`, `resending`) leave that state: sent,
 * failed or unknown. A claim is the last step before the provider call, so this wait is about one
 * SendGrid request. Claims older than a live attempt can be are not waited for: that attempt died,
 * and its retry checks for the reply before it sends (worker `replyFence`). One read for all of
 * them, then polls by `_id` for the claimed ones only.
 */
export async function waitForClaimedDrafts(draftIds: Types.ObjectId[]): Promise<void> {
  if (!draftIds.length) return;
  const drafts = await Draft.find({ _id: { $in: draftIds } }, { status: 1, statusChangedAt: 1 }).lean();
  await Promise.all(drafts.filter((d) => CLAIMED.includes(d.status)).map(waitWhileClaimed));
}

async function waitWhileClaimed(draft: { _id: Types.ObjectId; statusChangedAt: Date }): Promise<void> {
  const deadline = draft.statusChangedAt.getTime() + LIVE_CLAIM_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const now = await Draft.findById(draft._id, { status: 1 }).lean();
    if (!CLAIMED.includes(now?.status)) return;
  }
}
