import { z } from 'zod';
import { c } from '../init';
import { errorResponse, idSchema } from '../schemas/common';
import {
  createTeamBodySchema,
  pageQuerySchema,
  teamEnvelopeSchema,
  teamsListSchema,
  updateTeamBodySchema,
} from '../schemas/directory';

export const teamsRouter = c.router({
  list: {
    method: 'GET',
    path: '/v1/teams',
    query: pageQuerySchema,
    summary: 'List teams',
    description:
      "The organization's teams, by name (`limit` ≤ 200, `offset`). A team's id is what the rules' \"Team is\" condition and a draft's `team` take.",
    responses: { 200: teamsListSchema.describe('The teams') },
  },
  create: {
    method: 'POST',
    path: '/v1/teams',
    summary: 'Create a team (admin token)',
    description: 'Creates one team.',
    body: createTeamBodySchema,
    responses: {
      201: teamEnvelopeSchema.describe('The team'),
      404: errorResponse('`organization` is not the organization of the token'),
    },
  },
  update: {
    method: 'PATCH',
    path: '/v1/teams/:id',
    pathParams: z.object({ id: idSchema }),
    summary: 'Rename a team (admin token)',
    description: 'Rules that name the team keep working: they refer to it by id.',
    body: updateTeamBodySchema,
    responses: {
      200: teamEnvelopeSchema.describe('The team'),
      404: errorResponse('No such team'),
    },
  },
});
