import type { Hook as ApiHook, HookDelivery as ApiHookDelivery, HookEventType } from '@follow-ups/contract';
import type { HookDeliveryDoc, HookDoc } from '@follow-ups/db';
import { publicDeliveryError, publicDeliveryReason } from '@follow-ups/events';
import { unix, unixRequired } from '../http/unixTime';

const ids = (list: unknown[] | null | undefined) => (list?.length ? list.map(String) : undefined);

/** A hook as the API shows it: never its secret. */
export function presentHook(
  hook: Pick<HookDoc, '_id' | 'organization' | 'type' | 'url' | 'filters' | 'createdAt'>,
): ApiHook {
  const conversations = ids(hook.filters?.conversations);
  const rules = ids(hook.filters?.rules);
  return {
    id: String(hook._id),
    type: hook.type as HookEventType,
    url: hook.url,
    organization: String(hook.organization),
    filters: { ...(conversations ? { conversations } : {}), ...(rules ? { rules } : {}) },
    created_at: unixRequired(hook.createdAt),
  };
}

export function presentHookDelivery(delivery: HookDeliveryDoc): ApiHookDelivery {
  return {
    id: delivery._id,
    hook: String(delivery.hook),
    event: {
      id: delivery.event,
      type: delivery.type as HookEventType,
      conversation: String(delivery.conversation),
      created_at: unixRequired(delivery.createdAt),
    },
    status: delivery.status,
    reason: delivery.reason ? publicDeliveryReason(delivery.reason) : null,
    attempts: delivery.attempts.map((a) => ({
      attempt: a.attempt,
      at: unixRequired(a.at),
      status_code: a.statusCode ?? null,
      error: a.error ? publicDeliveryError(a.error) : null,
      duration_ms: Math.round(a.durationMs),
    })),
    delivered_at: unix(delivery.deliveredAt),
  };
}
