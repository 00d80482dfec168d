/** A follow-up sequence's status, as its workflow holds it and the API shows it. */
export const SEQUENCE_STATUSES = ['active', 'paused', 'replied', 'completed', 'stopped', 'failed'] as const;
export type SequenceStatus = (typeof SEQUENCE_STATUSES)[number];

/** Why a sequence ended (the `sequence_ended` event): a stop for a bounce is `bounced`. */
export const SEQUENCE_END_STATUSES = ['replied', 'completed', 'stopped', 'bounced', 'failed'] as const;
export type SequenceEndStatus = (typeof SEQUENCE_END_STATUSES)[number];
