import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import { Suppression, type SuppressionDoc } from '@follow-ups/db';
import type { AppDeps } from '../deps';
import { organizationOf } from '../http/auth';
import { notFound } from '../http/appError';
import { presentSuppression } from './presentSuppression';
import { suppress } from './suppress';

const s = initServer();

export function suppressionsRoutes(deps: AppDeps) {
  return s.router(contract.suppressions, {
    list: async ({ req, query }) => {
      const filter: Record<string, unknown> = { organization: organizationOf(req), hashed: { $ne: true } };
      if (query.address) filter.address = query.address.toLowerCase();
      if (query.reason) filter.reason = query.reason;
      const entries = await Suppression.find(filter).sort({ at: -1 }).lean<SuppressionDoc[]>();
      return { status: 200, body: { suppressions: entries.map(presentSuppression) } };
    },
    create: async ({ req, body }) => {
      const organization = organizationOf(req);
      for (const entry of body.suppressions) {
        await suppress(deps, organization, entry.address, entry.reason, { source: 'api', detail: entry.detail });
      }
      const stored = await Suppression.findSuppressed(
        organization,
        body.suppressions.map((e) => e.address),
      );
      return { status: 201, body: { suppressions: stored.map(presentSuppression) } };
    },
    remove: async ({ req, params }) => {
      const entry = await Suppression.lift(organizationOf(req), params.address);
      if (!entry) throw notFound(`suppression of ${params.address}`);
      return { status: 200, body: { suppressions: [presentSuppression(entry)] } };
    },
  });
}
