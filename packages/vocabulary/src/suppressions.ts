export const SUPPRESSION_REASONS = ['bounced', 'dropped', 'spam_report', 'unsubscribed', 'manual'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export const SUPPRESSION_SOURCES = ['event_webhook', 'unsubscribe_link', 'unsubscribe_mail', 'api'] as const;
export type SuppressionSource = (typeof SUPPRESSION_SOURCES)[number];
