import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import { currentTime } from '@follow-ups/domain';
import type { AppDeps } from '../deps';
import { organizationOf } from '../http/auth';
import { analyticsRange } from './range';
import { allRulesAnalytics, ruleAnalytics } from './ruleAnalytics';

const s = initServer();

/** GET /v1/analytics/rules[/:id]: counters read by `_id`, gauges from Temporal (docs/analytics.md). */
export function analyticsRoutes(deps: AppDeps) {
  return s.router(contract.analytics, {
    rule: async ({ req, params, query }) => {
      const range = analyticsRange(query, currentTime(deps));
      return {
        status: 200,
        body: { analytics: await ruleAnalytics(deps.temporal, organizationOf(req), params.id, range) },
      };
    },
    rules: async ({ req, query }) => {
      const range = analyticsRange(query, currentTime(deps));
      return { status: 200, body: { analytics: await allRulesAnalytics(deps.temporal, organizationOf(req), range) } };
    },
  });
}
