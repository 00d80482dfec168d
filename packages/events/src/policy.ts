import type { DeliveryPolicy } from '@follow-ups/workflows';

export type { DeliveryPolicy };

/**
 * Production retries: 10 s, 30 s, 1.5 min, 4.5 min, 13.5 min, 40.5 min, then hourly; 10 attempts
 * over about 4 hours, so a receiver that is down for an hour (or three) loses nothing.
 */
export const PRODUCTION_DELIVERY_POLICY: DeliveryPolicy = {
  initialIntervalMs: 10_000,
  backoffCoefficient: 3,
  maximumIntervalMs: 60 * 60_000,
  maximumAttempts: 10,
};

/** The same shape in seconds, for tests and local demos (`HOOKS_TEST_MODE`). */
export const TEST_DELIVERY_POLICY: DeliveryPolicy = {
  initialIntervalMs: 300,
  backoffCoefficient: 2,
  maximumIntervalMs: 2_000,
  maximumAttempts: 8,
};

export const deliveryPolicy = (testMode = false): DeliveryPolicy =>
  testMode ? TEST_DELIVERY_POLICY : PRODUCTION_DELIVERY_POLICY;

/** Time the receiver has to answer one attempt. */
export const DELIVERY_TIMEOUT_MS = 15_000;
