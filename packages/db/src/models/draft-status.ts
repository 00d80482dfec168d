/**
 * Draft lifecycle. States only move forward:
 *   scheduled → sending → sent
 *   scheduled → discarded | failed
 *   sending   → failed
 */
export const DRAFT_STATUSES = ['scheduled', 'sending', 'sent', 'discarded', 'failed'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export const DRAFT_KINDS = ['followup', 'scheduled_send'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];
