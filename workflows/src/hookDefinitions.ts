// Signals and shapes of `deliverEvents`, shared by the workflow, its activities and `emitEvent`.
import { defineSignal } from './define';

/** Retries of one delivery: Temporal activity retries with exponential backoff. */
export type DeliveryPolicy = {
  initialIntervalMs: number;
  backoffCoefficient: number;
  maximumIntervalMs: number;
  maximumAttempts: number;
};

/** One event and the hooks it goes to. */
export type QueuedHookEvent = { eventId: string; hookIds: string[] };

/**
 * The task queue hook deliveries run on, beside the queue of the sequences: its own worker slots, so
 * a receiver that never answers holds only hook slots and never delays a follow-up.
 */
export const hookDeliveryTaskQueue = (taskQueue: string) => `${taskQueue}-hooks`;

/**
 * Versioned input; `pending` carries undelivered work across continue-as-new. `deliveryTaskQueue`
 * (`hookDeliveryTaskQueue`) is where the delivery activities run; runs started before it existed
 * lack it and deliver on their own queue.
 */
export type DeliverEventsInput = {
  version: 1;
  organizationId: string;
  conversationId: string;
  policy: DeliveryPolicy;
  pending?: { eventId: string; hookId: string }[];
  deliveryTaskQueue?: string;
};

export type DeliverEventsResult = { delivered: number; failed: number };

/**
 * What one delivery activity reports. `busy`: the organization already has as many deliveries under
 * way as it may (per-organization limit); nothing was attempted, the workflow waits and asks again.
 */
export type HookDeliveryOutcome = 'delivered' | 'already_delivered' | 'cancelled' | 'busy';

export type HookDeliveryRef = { organizationId: string; hookId: string; eventId: string };

/** Sent by `emitEvent` (with signal-with-start): queue this event for these hooks. */
export const hookEventSignal = defineSignal<[QueuedHookEvent]>('hookEvent');
