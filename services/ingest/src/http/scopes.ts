// What each token scope may do. `admin` tokens may use every route; `send` tokens (a CRM, a
// mail client) read, send and steer sequences. A route not matched below needs `admin`, so a
// new route is an admin route until it is listed here (docs/teams-and-tokens.md).
import type { AppRoute } from '@ts-rest/core';
import type { RequestHandler } from 'express';
import type { ApiTokenScope } from '@follow-ups/vocabulary';
import { AppError } from './appError';

/** Writes a `send` token may make, by method and contract path prefix. */
const SEND_WRITES: { methods: AppRoute['method'][]; prefix: string }[] = [
  { methods: ['POST', 'PATCH', 'PUT', 'DELETE'], prefix: '/v1/drafts' }, // send, schedule, save, discard
  { methods: ['POST'], prefix: '/v1/sequences/' }, // stop, pause, resume
  { methods: ['POST'], prefix: '/v1/suppressions' }, // add addresses (lifting one is admin)
];
/** Reads that stay admin: the token list, and hooks (their URLs and delivery errors map the integrations). */
const ADMIN_READS = ['/v1/tokens', '/v1/hooks'];
/** Routes that need no token at all (outside /v1); every other route must have passed `requireApiToken`. */
const PUBLIC_ROUTES = new Set(['GET /healthz']);

/** True when a token of `scope` may call `route`. */
export function scopeAllows(scope: ApiTokenScope, route: Pick<AppRoute, 'method' | 'path'>): boolean {
  if (scope === 'admin') return true;
  if (route.method === 'GET') return !ADMIN_READS.some((prefix) => route.path.startsWith(prefix));
  return SEND_WRITES.some((w) => w.methods.includes(route.method) && route.path.startsWith(w.prefix));
}

/**
 * ts-rest global middleware: 403 `forbidden` before validation when the token's scope does not
 * cover the route. Fails closed: a route that is not public and was reached without a token scope
 * (a new route outside /v1) is forbidden, and a request ts-rest did not tag with its route is an error.
 */
export const requireScope: RequestHandler = (req, res, next) => {
  const route = (req as { tsRestRoute?: AppRoute }).tsRestRoute;
  const scope = res.locals.tokenScope as ApiTokenScope | undefined;
  if (!route) return next(new AppError('internal_error', 'the route of this request is unknown'));
  if (PUBLIC_ROUTES.has(`${route.method} ${route.path}`)) return next();
  if (!scope) return next(new AppError('forbidden', 'this route is not covered by any token scope'));
  if (scopeAllows(scope, route)) return next();
  next(new AppError('forbidden', `this route needs an admin token; this token's scope is "${scope}"`));
};
