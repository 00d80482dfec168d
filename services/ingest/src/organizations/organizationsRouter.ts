import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import { getOrganization, presentOrganization } from '@follow-ups/directory';
import { organizationOf } from '../http/auth';

const s = initServer();

/** A token belongs to one organization: the list is that one. */
export function organizationsRoutes() {
  return s.router(contract.organizations, {
    list: async ({ req }) => ({
      status: 200,
      body: { organizations: [presentOrganization(await getOrganization(organizationOf(req)))] },
    }),
  });
}
