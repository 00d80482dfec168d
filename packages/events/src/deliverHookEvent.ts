import { ApplicationFailure } from '@temporalio/common';
import { Webhook } from 'standardwebhooks';
import { Hook, HookDelivery, HookEvent, hookDeliveryId } from '@follow-ups/db';
import type { HookDeliveryOutcome, HookDeliveryRef } from '@follow-ups/workflows';
import { DELIVERY_TIMEOUT_MS } from './policy';
import type { HookUrlOptions } from './hookUrl';
import { postToHook, type Resolve } from './hookRequest';
import { currentTime, unixSeconds, type Clock } from '@follow-ups/domain';

export type DeliverOptions = {
  timeoutMs?: number;
  now?: Clock;
  /** The address policy (default: https only, no special-purpose address); test mode allows loopback http. */
  policy?: HookUrlOptions;
  resolve?: Resolve;
};

/**
 * One attempt to POST an event to a hook, signed per Standard Webhooks (`webhook-id` is the event
 * id, stable across attempts) to the address checked at this attempt (`hookRequest.ts`). Records
 * the attempt, its error as a class only; a 2xx marks the delivery `delivered`, anything
 * else throws so that Temporal retries with backoff. A delivery already made is not made again;
 * a deleted hook cancels it.
 */
export async function deliverHookEvent(
  ref: HookDeliveryRef,
  options: DeliverOptions = {},
): Promise<HookDeliveryOutcome> {
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
  const { statusCode, error } = await postToHook({
    url: hook.url,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'follow-ups-webhooks/1',
      'webhook-id': event._id,
      'webhook-timestamp': String(unixSeconds(at)),
      'webhook-signature': new Webhook(hook.secret).sign(event._id, at, event.body),
    },
    body: event.body,
    timeoutMs: options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
    policy: options.policy ?? {},
    resolve: options.resolve,
  });
  const attempt = { attempt: delivery.attempts.length + 1, at, statusCode, error, durationMs: Date.now() - started };
  if (!error) {
    await HookDelivery.updateOne(
      { _id },
      { $push: { attempts: attempt }, $set: { status: 'delivered', deliveredAt: new Date() }, $unset: { reason: 1 } },
    );
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
