import type { MailAddress } from '@follow-ups/mailer';

/**
 * The `From` of mail we write ourselves (forwarded replies): an address on a domain we send for,
 * `notifications@<inbound reply domain>` unless configured (NOTIFICATIONS_FROM).
 */
export function notificationsFrom(deps: { replyDomain: string; notificationsFrom?: string }): MailAddress {
  return { address: deps.notificationsFrom ?? `notifications@${deps.replyDomain}`, name: 'Follow-ups' };
}
