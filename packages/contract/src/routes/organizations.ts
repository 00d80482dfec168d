import { c } from '../init';
import { organizationsListSchema } from '../schemas/directory';

export const organizationsRouter = c.router({
  list: {
    method: 'GET',
    path: '/v1/organizations',
    summary: 'List organizations',
    description: "The organizations the token may act for: its own (Missive's shape, `{organizations: [{id, name}]}`).",
    responses: { 200: organizationsListSchema.describe('The organizations') },
  },
});
