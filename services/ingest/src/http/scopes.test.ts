import type { Request, Response } from 'express';
import type { AppRoute } from '@ts-rest/core';
import { requireScope } from './scopes';
import { AppError } from './appError';

/** Runs the middleware on a request tagged with `route` whose token had `scope`; returns what it passed on. */
function run(route: Pick<AppRoute, 'method' | 'path'> | undefined, scope?: string): unknown {
  let passed: unknown = 'not called';
  const req = { tsRestRoute: route } as unknown as Request;
  const res = { locals: scope ? { tokenScope: scope } : {} } as unknown as Response;
  requireScope(req, res, (err?: unknown) => (passed = err ?? null));
  return passed;
}

const code = (passed: unknown) => (passed instanceof AppError ? passed.code : passed);

describe('requireScope fails closed', () => {
  it('lets the public health check through without a token', () => {
    expect(run({ method: 'GET', path: '/healthz' })).toBeNull();
  });

  it('forbids a route reached without a token scope (a route outside /v1 that is not public)', () => {
    expect(code(run({ method: 'GET', path: '/v2/anything' }))).toBe('forbidden');
    expect(code(run({ method: 'POST', path: '/healthz' }))).toBe('forbidden');
  });

  it('answers an error when the request has no route', () => {
    expect(code(run(undefined, 'admin'))).toBe('internal_error');
  });

  it('keeps hooks (URLs, delivery errors) from send tokens, and lets admins in', () => {
    expect(code(run({ method: 'GET', path: '/v1/hooks' }, 'send'))).toBe('forbidden');
    expect(code(run({ method: 'GET', path: '/v1/hooks/:id/deliveries' }, 'send'))).toBe('forbidden');
    expect(run({ method: 'GET', path: '/v1/hooks' }, 'admin')).toBeNull();
    expect(run({ method: 'GET', path: '/v1/rules' }, 'send')).toBeNull();
  });
});
