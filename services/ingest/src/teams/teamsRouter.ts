import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import { createTeam, listTeams, presentTeam, updateTeam } from '@follow-ups/directory';
import { organizationOf } from '../http/auth';

const s = initServer();

export function teamsRoutes() {
  return s.router(contract.teams, {
    list: async ({ req, query }) => ({
      status: 200,
      body: { teams: (await listTeams(organizationOf(req), query)).map(presentTeam) },
    }),
    create: async ({ req, body }) => ({
      status: 201,
      body: { teams: presentTeam((await createTeam(organizationOf(req), body.teams)).team) },
    }),
    update: async ({ req, params, body }) => ({
      status: 200,
      body: { teams: presentTeam(await updateTeam(organizationOf(req), params.id, body.teams)) },
    }),
  });
}
