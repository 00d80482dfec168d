/** Draft lifecycle: see @follow-ups/vocabulary (states only move forward). */
export { DRAFT_STATUSES, type DraftStatus } from '@follow-ups/vocabulary';

export const DRAFT_KINDS = ['followup', 'scheduled_send'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

/** The reason of a draft discarded because the prospect answered. */
export const REPLY_REASON = 'reply received';
