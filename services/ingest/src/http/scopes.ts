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
/** Reads that stay admin: the token list. */
const ADMIN_READS = ['/v1/tokens'];

/** True when a token of `scope` may call `route`. */
export function scopeAllows(scope: ApiTokenScope, route: Pick<AppRoute, 'method' | 'path'>): boolean {
  if (scope === 'admin') return true;
  if (route.method === 'GET') return !ADMIN_READS.some((prefix) => route.path.startsWith(prefix));
  return SEND_WRITES.some((w) => w.methods.includes(route.method) && route.path.startsWith(w.prefix));
}

/** ts-rest global middleware: 403 `forbidden` before validation when the token's scope does not cover the route. */
export const requireScope: RequestHandler = (req, res, next) => {
  const route = (req as { tsRestRoute?: AppRoute }).tsRestRoute;
  const scope = res.locals.tokenScope as ApiTokenScope | undefined;
  if (!route || !scope || scopeAllows(scope, route)) return next();
  next(new AppError('forbidden', `this route needs an admin token; this token's scope is "${scope}"`));
};
