import type { RequestHandler, Request } from 'express';
import { authenticateToken, readOrganizationRecord, type OrganizationRecord } from '@follow-ups/directory';
import type { ApiTokenScope } from '@follow-ups/vocabulary';
import { AppError } from './appError';
import { touchLastUsed } from './lastUsed';

/** The organization a request acts for, set by `requireApiToken`. */
export function organizationOf(req: Pick<Request, 'res'>): string {
  const id = req.res?.locals.organizationId as string | undefined;
  if (!id) throw new AppError('unauthorized', 'missing API token');
  return id;
}

/**
 * The organization's settings and cache versions, read once with the request's token: pass them on
 * rather than reading the organization again. Read here when the request was authenticated otherwise.
 */
export async function organizationRecordOf(req: Pick<Request, 'res'>): Promise<OrganizationRecord> {
  const known = req.res?.locals.organization as OrganizationRecord | undefined;
  if (known) return known;
  const record = await readOrganizationRecord(organizationOf(req));
  if (!record) throw new AppError('unauthorized', 'the organization of this API token no longer exists');
  return record;
}

/** The scope of the request's token, set by `requireApiToken`. */
export function tokenScopeOf(req: Pick<Request, 'res'>): ApiTokenScope {
  const scope = req.res?.locals.tokenScope as ApiTokenScope | undefined;
  if (!scope) throw new AppError('unauthorized', 'missing API token');
  return scope;
}

/**
 * Bearer API tokens per organization, stored hashed: 401 for a missing or unknown token. The token
 * comes from the process's cache, checked against its organization's `tokensVersion` in the one
 * read of the organization the request makes (directory `authenticateToken`).
 */
export const requireApiToken: RequestHandler = (req, res, next) => {
  const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
  if (!match) return next(new AppError('unauthorized', 'send an API token as "Authorization: Bearer <token>"'));
  authenticateToken(match[1] ?? '')
    .then((found) => {
      if (!found) return next(new AppError('unauthorized', 'unknown API token'));
      const { token, organization } = found;
      res.locals.organizationId = token.organization;
      res.locals.organization = organization;
      res.locals.tokenId = String(token._id); // the key of the per-token rate limit
      res.locals.tokenScope = token.scope; // checked per route by requireScope (scopes.ts)
      touchLastUsed(token);
      next();
    })
    .catch(next);
};
