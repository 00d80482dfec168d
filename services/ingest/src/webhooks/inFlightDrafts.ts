import type { Types } from 'mongoose';
import { Draft } from '@follow-ups/db';

/** SendGrid's own timeout is 30 s: a claim older than this is an attempt that died (its retry is fenced). */
const LIVE_CLAIM_MS = 45_000;
const POLL_MS = 25;
/** A first send and the one resend of an `unknown` delivery (worker resendUnknown.ts) are both fenced. */
const CLAIMED = ['sending', 'resending'];

/**
 * Waits until the drafts of `scope` that a sender has claimed (`sending`, `resending`) leave that
 * state: sent, failed or unknown. A claim is the last step before the provider call, so this wait is about one
 * SendGrid request. Claims older than a live attempt can be are not waited for: that attempt died,
 * and its retry checks for the reply before it sends (worker `replyFence`).
 */
export async function waitForClaimedDrafts(scope: Record<string, unknown>): Promise<void> {
  const since = new Date(Date.now() - LIVE_CLAIM_MS);
  const claimed = await Draft.find({ ...scope, status: { $in: CLAIMED }, statusChangedAt: { $gte: since } }, { _id: 1, statusChangedAt: 1 }).lean();
  await Promise.all(claimed.map((d) => waitUntilSettled(d._id, d.statusChangedAt.getTime() + LIVE_CLAIM_MS)));
}

async function waitUntilSettled(draftId: Types.ObjectId, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const draft = await Draft.findById(draftId, { status: 1 }).lean();
    if (!CLAIMED.includes(draft?.status ?? '')) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
