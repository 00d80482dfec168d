import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import type { AppDeps } from '../deps';
import { organizationOf } from '../http/auth';
import { readSettings, updateSettings } from './organizationSettings';

const s = initServer();

export function settingsRoutes(deps: AppDeps) {
  return s.router(contract.settings, {
    get: async ({ req }) => ({ status: 200, body: { settings: await readSettings(deps, organizationOf(req)) } }),
    update: async ({ req, body }) => ({
      status: 200,
      body: { settings: await updateSettings(deps, organizationOf(req), body.settings) },
    }),
  });
}
