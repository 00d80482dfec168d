import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import { createUser, listUsers, presentUser, updateUser } from '@follow-ups/directory';
import { organizationOf } from '../http/auth';

const s = initServer();

export function usersRoutes() {
  return s.router(contract.users, {
    list: async ({ req, query }) => ({
      status: 200,
      body: { users: (await listUsers(organizationOf(req), query)).map(presentUser) },
    }),
    create: async ({ req, body }) => ({
      status: 201,
      body: { users: presentUser((await createUser(organizationOf(req), body.users)).user) },
    }),
    update: async ({ req, params, body }) => ({
      status: 200,
      body: { users: presentUser(await updateUser(organizationOf(req), params.id, body.users)) },
    }),
  });
}
