import type { SendgridEvent } from '@follow-ups/contract';
import type { DeliveryStatus, SuppressionReason } from '@follow-ups/db';

export type EventEffect = {
  /** The message's delivery status after this event, if it sets one. */
  status?: DeliveryStatus;
  /** Suppress the recipient at once, with this reason. */
  suppress?: SuppressionReason;
  /** A soft bounce: enough of them in a row count as a hard one. */
  softBounce?: boolean;
};

/** Hard unless SendGrid says `blocked` (its soft bounce) and the address itself is not invalid. */
export function isHardBounce(type: string | null | undefined, classification: string | null | undefined): boolean {
  return type !== 'blocked' || classification === 'Invalid Address';
}

/** What one event does. Events not listed (processed, open, click, …) are recorded only. */
export function classifyEvent(event: Pick<SendgridEvent, 'event' | 'type' | 'bounce_classification'>): EventEffect {
  switch (event.event) {
    case 'delivered':
      return { status: 'delivered' };
    case 'deferred':
      return { status: 'deferred' };
    case 'bounce':
      return isHardBounce(event.type, event.bounce_classification)
        ? { status: 'bounced', suppress: 'bounced' }
        : { status: 'soft_bounced', softBounce: true };
    case 'dropped':
      return { status: 'dropped', suppress: 'dropped' };
    case 'spamreport':
      return { status: 'spam_reported', suppress: 'spam_report' };
    case 'unsubscribe':
    case 'group_unsubscribe':
      return { status: 'unsubscribed', suppress: 'unsubscribed' };
    default:
      return {};
  }
}

/** Events arrive out of order: a status only replaces one of lower or equal rank. */
const RANK: Record<DeliveryStatus, number> = {
  deferred: 1,
  soft_bounced: 2,
  delivered: 3,
  unsubscribed: 4,
  spam_reported: 5,
  bounced: 6,
  dropped: 6,
};
export const outranks = (next: DeliveryStatus, current: DeliveryStatus | null | undefined) =>
  !current || RANK[next] >= RANK[current];
