/**
 * Draft lifecycle. States only move forward:
 *   scheduled → sending → sent
 *   scheduled → discarded | failed
 *   sending   → failed    (the provider refused it)
 *   sending   → unknown   (interrupted during the provider call: it may have been delivered)
 *   sending   → discarded (claimed, never handed to the provider, and a reply came first)
 *   unknown   → sent      (SendGrid's Event Webhook reported the mail after all)
 *   unknown   → resending (no event came within the grace period although the webhook is live: resent once)
 *   resending → sent      (SendGrid accepted the resend)
 *   resending → failed    (SendGrid refused the resend)
 *   resending → unknown   (the resend was interrupted too, or a reply came first: never sent a third time)
 * A sequence's steps carry the same statuses.
 */
export const DRAFT_STATUSES = ['scheduled', 'sending', 'sent', 'discarded', 'failed', 'unknown', 'resending'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
