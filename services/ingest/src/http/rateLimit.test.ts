import { tokenBuckets } from './rateLimit';

describe('token buckets', () => {
  it('lets a burst through, then one request per 1/rate seconds, per key', () => {
    let now = 0;
    const buckets = tokenBuckets({ perSecond: 2, burst: 3 }, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(1); // empty: retry after a second (rounded up)
    expect(buckets.take('b')).toBe(0); // another key has its own bucket
    now += 500; // half a second refills one request
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBeGreaterThanOrEqual(1);
    now += 60_000; // idle: full again, never above the burst
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0, 1]);
  });
});
