import type { RequestHandler, Request } from 'express';
import { ApiToken, scopeOf } from '@follow-ups/db';
import type { ApiTokenScope } from '@follow-ups/vocabulary';
import { AppError } from './appError';
import { touchLastUsed } from './lastUsed';

/** The organization a request acts for, set by `requireApiToken`. */
export function organizationOf(req: Pick<Request, 'res'>): string {
  const id = req.res?.locals.organizationId as string | undefined;
  if (!id) throw new AppError('unauthorized', 'missing API token');
  return id;
}

/** The scope of the request's token, set by `requireApiToken`. */
export function tokenScopeOf(req: Pick<Request, 'res'>): ApiTokenScope {
  const scope = req.res?.locals.tokenScope as ApiTokenScope | undefined;
  if (!scope) throw new AppError('unauthorized', 'missing API token');
  return scope;
}

/** Bearer API tokens per organization, stored hashed: 401 for a missing or unknown token. */
export const requireApiToken: RequestHandler = (req, res, next) => {
  const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
  if (!match) return next(new AppError('unauthorized', 'send an API token as "Authorization: Bearer <token>"'));
  ApiToken.findByRawToken(match[1] ?? '')
    .then((token) => {
      if (!token) return next(new AppError('unauthorized', 'unknown API token'));
      res.locals.organizationId = String(token.organization);
      res.locals.tokenId = String(token._id); // the key of the per-token rate limit
      res.locals.tokenScope = scopeOf(token); // checked per route by requireScope (scopes.ts)
      touchLastUsed(token);
      next();
    })
    .catch(next);
};
