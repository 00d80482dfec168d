import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import type { AppDeps } from '../deps';
import { organizationOf } from '../http/auth';
import { controlSequence } from './controlSequence';
import { loadSequence } from './describeSequence';
import { listSequences } from './listSequences';

const s = initServer();

export function sequencesRoutes(deps: AppDeps) {
  return s.router(contract.sequences, {
    list: async ({ req, query }) => ({ status: 200, body: await listSequences(deps, organizationOf(req), query) }),
    get: async ({ req, params }) => ({
      status: 200,
      body: { sequences: await loadSequence(deps, organizationOf(req), params.id) },
    }),
    stop: async ({ req, params, body }) => ({
      status: 200,
      body: {
        sequences: await controlSequence(deps, organizationOf(req), params.id, { action: 'stop', reason: body.reason }),
      },
    }),
    pause: async ({ req, params }) => ({
      status: 200,
      body: { sequences: await controlSequence(deps, organizationOf(req), params.id, { action: 'pause' }) },
    }),
    resume: async ({ req, params }) => ({
      status: 200,
      body: { sequences: await controlSequence(deps, organizationOf(req), params.id, { action: 'resume' }) },
    }),
  });
}
