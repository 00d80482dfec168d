import { ApplicationFailure } from '@temporalio/common';
import { Webhook } from 'standardwebhooks';
import { Hook, HookDelivery, HookEvent, hookDeliveryId } from '@follow-ups/db';
import type { HookDeliveryOutcome, HookDeliveryRef } from '@follow-ups/workflows';
import { DELIVERY_TIMEOUT_MS } from './policy';
import { currentTime, unixSeconds, type Clock } from '@follow-ups/domain';

export type DeliverOptions = { timeoutMs?: number; now?: Clock };

/**
 * One attempt to POST an event to a hook, signed per Standard Webhooks (`webhook-id` is the event
 * id, stable across attempts). Records the attempt; a 2xx marks the delivery `delivered`, anything
 * else throws so that Temporal retries with backoff. A delivery already made is not made again;
 * a deleted hook cancels it.
 */
export async function deliverHookEvent(ref: HookDeliveryRef, options: DeliverOptions = {}): Promise<HookDeliveryOutcome> {
  const _id = hookDeliveryId(ref.eventId, ref.hookId);
  const delivery = await HookDelivery.findOne({ _id, organization: ref.organizationId }).lean();
  if (!delivery) throw ApplicationFailure.nonRetryable(`no delivery ${_id}`, 'unknown_delivery');
  if (delivery.status === 'delivered') return 'already_delivered';
  if (delivery.status === 'cancelled') return 'cancelled';
  const hook = await Hook.findOne({ _id: ref.hookId, organization: ref.organizationId }).lean();
  if (!hook) {
    await HookDelivery.updateOne({ _id }, { $set: { status: 'cancelled', reason: 'hook deleted' } });
    return 'cancelled';
  }
  const event = await HookEvent.findOne({ _id: ref.eventId, organization: ref.organizationId }).lean();
  if (!event) throw ApplicationFailure.nonRetryable(`no event ${ref.eventId}`, 'unknown_event');

  const at = currentTime(options);
  const started = Date.now();
  const { statusCode, error } = await post(
    hook.url,
    {
      'content-type': 'application/json',
      'user-agent': 'follow-ups-webhooks/1',
      'webhook-id': event._id,
      'webhook-timestamp': String(unixSeconds(at)),
      'webhook-signature': new Webhook(hook.secret).sign(event._id, at, event.body),
    },
    event.body,
    options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
  );
  const attempt = { attempt: delivery.attempts.length + 1, at, statusCode, error, durationMs: Date.now() - started };
  if (!error) {
    await HookDelivery.updateOne({ _id }, { $push: { attempts: attempt }, $set: { status: 'delivered', deliveredAt: new Date() }, $unset: { reason: 1 } });
    return 'delivered';
  }
  await HookDelivery.updateOne({ _id }, { $push: { attempts: attempt }, $set: { reason: error } });
  throw new Error(error);
}

/** Every attempt failed: the delivery is recorded `failed` with the reason, the queue moves on. */
export async function abandonHookDelivery(ref: HookDeliveryRef & { reason: string }): Promise<void> {
  await HookDelivery.updateOne(
    { _id: hookDeliveryId(ref.eventId, ref.hookId), organization: ref.organizationId, status: 'pending' },
    { $set: { status: 'failed', reason: ref.reason } },
  );
}

/** POSTs without following redirects; the answer's body is not read. */
async function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ statusCode?: number; error?: string }> {
  try {
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel().catch(() => undefined);
    return res.ok ? { statusCode: res.status } : { statusCode: res.status, error: `receiver answered HTTP ${res.status}` };
  } catch (err) {
    return { error: describeFetchError(err, timeoutMs) };
  }
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  if (err instanceof DOMException && err.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
  return err instanceof Error ? err.message : String(err);
}
