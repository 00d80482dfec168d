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

/** Versioned input; `pending` carries undelivered work across continue-as-new. */
export type DeliverEventsInput = {
  version: 1;
  organizationId: string;
  conversationId: string;
  policy: DeliveryPolicy;
  pending?: { eventId: string; hookId: string }[];
};

export type DeliverEventsResult = { delivered: number; failed: number };

/** What one delivery activity reports. */
export type HookDeliveryOutcome = 'delivered' | 'already_delivered' | 'cancelled';

export type HookDeliveryRef = { organizationId: string; hookId: string; eventId: string };

/** Sent by `emitEvent` (with signal-with-start): queue this event for these hooks. */
export const hookEventSignal = defineSignal<[QueuedHookEvent]>('hookEvent');
