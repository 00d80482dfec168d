import { PRODUCTION_DELIVERY_POLICY, TEST_DELIVERY_POLICY, type DeliveryPolicy } from './policy';

/** Seconds between the first and the last attempt under Temporal's exponential backoff. */
function retryWindowSeconds(p: DeliveryPolicy): number {
  let total = 0;
  for (let retry = 0; retry < p.maximumAttempts - 1; retry++)
    total += Math.min(p.initialIntervalMs * p.backoffCoefficient ** retry, p.maximumIntervalMs);
  return total / 1000;
}

describe('delivery retry policy', () => {
  it('in production keeps trying for hours, at least 5 attempts, never more than an hour apart', () => {
    expect(PRODUCTION_DELIVERY_POLICY.maximumAttempts).toBeGreaterThanOrEqual(5);
    expect(retryWindowSeconds(PRODUCTION_DELIVERY_POLICY)).toBeGreaterThan(3 * 3600);
    expect(PRODUCTION_DELIVERY_POLICY.maximumIntervalMs).toBe(3600_000);
  });

  it('in test mode has the same shape in seconds', () => {
    expect(TEST_DELIVERY_POLICY.maximumAttempts).toBeGreaterThanOrEqual(5);
    expect(retryWindowSeconds(TEST_DELIVERY_POLICY)).toBeLessThan(15);
  });
});
