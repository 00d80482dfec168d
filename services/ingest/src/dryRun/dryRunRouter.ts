import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import type { AppDeps } from '../deps';
import { organizationOf } from '../http/auth';
import { dryRun } from './dryRun';

const s = initServer();

/** POST /v1/rules/dry_run: the rules' verdict on a draft, with nothing written (docs/analytics.md). */
export function dryRunRoutes(deps: AppDeps) {
  return s.router(contract.dryRun, {
    run: async ({ req, body }) => ({
      status: 200,
      body: { dry_run: await dryRun(deps, organizationOf(req), body.drafts) },
    }),
  });
}
