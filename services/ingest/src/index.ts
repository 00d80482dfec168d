// @follow-ups/ingest: the HTTP service, built without a port (main.ts listens).
export { buildApp } from './buildApp';
export type { AppDeps } from './deps';
export { DEFAULT_RATE_LIMITS, NO_RATE_LIMIT, type RateLimit } from './http/rateLimit';
