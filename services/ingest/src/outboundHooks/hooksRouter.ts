import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import { Hook } from '@follow-ups/db';
import { cidrList } from '@follow-ups/events';
import type { AppDeps } from '../deps';
import { organizationOf } from '../http/auth';
import { createHook, deleteHook, listHookDeliveries } from './hooks';
import { presentHook, presentHookDelivery } from './presentHook';

const s = initServer();

export function hooksRoutes(deps: Pick<AppDeps, 'hooksTestMode' | 'hooksAllowedPrivateCidrs'>) {
  const policy = { allowInsecure: deps.hooksTestMode, allowedPrivate: cidrList(deps.hooksAllowedPrivateCidrs ?? []) };
  return s.router(contract.hooks, {
    list: async ({ req }) => {
      const hooks = await Hook.find({ organization: organizationOf(req) })
        .sort({ createdAt: 1, _id: 1 })
        .lean();
      return { status: 200, body: { hooks: hooks.map(presentHook) } };
    },
    create: async ({ req, body }) => {
      const { hook, secret } = await createHook(organizationOf(req), body.hooks, policy);
      return { status: 201, body: { hooks: { ...presentHook(hook), secret } } };
    },
    delete: async ({ req, params }) => ({
      status: 200,
      body: { hooks: presentHook(await deleteHook(organizationOf(req), params.id)) },
    }),
    deliveries: async ({ req, params, query }) => {
      const deliveries = await listHookDeliveries(organizationOf(req), params.id, query);
      return { status: 200, body: { deliveries: deliveries.map(presentHookDelivery) } };
    },
  });
}
