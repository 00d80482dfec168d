// A flat view of a ts-rest router: one entry per route, named by its place in the router.
import { type AppRoute, type AppRouter, isAppRoute } from '@ts-rest/core';

/** Routes under this prefix need a bearer token. */
export const AUTHENTICATED_PREFIX = '/v1/';

export type RouteEntry = {
  /** Dotted position in the router, e.g. `sequences.stop`. */
  name: string;
  method: AppRoute['method'];
  /** Express-style path, e.g. `/v1/sequences/:id/stop`. */
  path: string;
  statuses: number[];
  authenticated: boolean;
  route: AppRoute;
};

/** Every route of `router`, depth first, in declaration order. */
export function listRoutes(router: AppRouter, prefix: string[] = []): RouteEntry[] {
  return Object.entries(router).flatMap(([key, value]) => {
    const name = [...prefix, key];
    if (!isAppRoute(value)) return listRoutes(value, name);
    return [
      {
        name: name.join('.'),
        method: value.method,
        path: value.path,
        statuses: Object.keys(value.responses).map(Number),
        authenticated: requiresAuth(value.path),
        route: value,
      },
    ];
  });
}

/** True for paths that need `authorization: Bearer <token>`. */
export function requiresAuth(path: string): boolean {
  return path.startsWith(AUTHENTICATED_PREFIX);
}

/** `/v1/rules/:id` → `/v1/rules/{id}` (OpenAPI path template). */
export function toOpenApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}
