/**
 * Draft lifecycle. States only move forward:
 *   scheduled → sending → sent
 *   scheduled → discarded | failed
 *   sending   → failed    (the provider refused it)
 *   sending   → unknown   (interrupted during the provider call: it may have been delivered)
 *   sending   → discarded (claimed, never handed to the provider, and a reply came first)
 *   unknown   → sent      (SendGrid's Event Webhook reported the mail after all)
 * A sequence's steps carry the same statuses.
 */
export const DRAFT_STATUSES = ['scheduled', 'sending', 'sent', 'discarded', 'failed', 'unknown'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
