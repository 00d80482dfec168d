// Request rate limits of the API: a token bucket per client address (before the token is even
// looked up) and one per API token. In-process: right for one ingest process; with several behind
// a load balancer each keeps its own buckets (the limits then add up; docs/security-hardening.md).
import type { Request, RequestHandler } from 'express';
import { AppError } from './appError';

export type RateLimit = {
  /** Requests per second a key may make on average. */
  perSecond: number;
  /** Requests a key may make at once, after being idle. */
  burst: number;
};

/** Generous defaults: far above what a CRM or a mail client sends, low enough to stop a flood. */
export const DEFAULT_RATE_LIMITS = {
  address: { perSecond: 200, burst: 2000 },
  token: { perSecond: 100, burst: 1000 },
} as const satisfies Record<string, RateLimit>;

/** No limit: benches and the shared test app (the rate-limit tests set low limits of their own). */
export const NO_RATE_LIMIT: RateLimit = { perSecond: Number.MAX_SAFE_INTEGER, burst: Number.MAX_SAFE_INTEGER };

/** Buckets kept at most; the idle ones are dropped first (a full bucket is the same as none). */
const MAX_KEYS = 100_000;

/** A token bucket per key: `take(key)` is 0 when a request may go, or the seconds until it may. */
export function tokenBuckets(limit: RateLimit, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key: string): number {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: t };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond);
      bucket.at = t;
      buckets.delete(key); // re-inserted last: the Map's order is least recently used first
      if (buckets.size >= MAX_KEYS) buckets.delete(buckets.keys().next().value as string);
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
    },
  };
}

/** 429 `rate_limited` with `Retry-After` once the key of a request has used up its bucket. */
export function rateLimit(
  limit: RateLimit,
  keyOf: (req: Request, locals: Record<string, unknown>) => string | undefined,
  what: string,
): RequestHandler {
  const buckets = tokenBuckets(limit);
  return (req, res, next) => {
    const key = keyOf(req, res.locals);
    const wait = key === undefined ? 0 : buckets.take(key);
    if (!wait) return next();
    res.setHeader('Retry-After', String(wait));
    next(new AppError('rate_limited', `too many requests from this ${what}: retry in ${wait} s`));
  };
}
