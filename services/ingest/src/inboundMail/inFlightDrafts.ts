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
 * and its retry checks for the reply before it sends (worker `replyFence`). Each draft is read by
 * `_id` (FerretDB scans for an `$in`); a reply that discarded every draft waits for none.
 */
export async function waitForClaimedDrafts(draftIds: Types.ObjectId[]): Promise<void> {
  await Promise.all(draftIds.map(waitIfClaimed));
}

async function waitIfClaimed(draftId: Types.ObjectId): Promise<void> {
  const draft = await Draft.findById(draftId, { status: 1, statusChangedAt: 1 }).lean();
  if (!draft || !CLAIMED.includes(draft.status)) return;
  const deadline = draft.statusChangedAt.getTime() + LIVE_CLAIM_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const now = await Draft.findById(draftId, { status: 1 }).lean();
    if (!CLAIMED.includes(now?.status)) return;
  }
}
