import { z } from 'zod';
import { c } from '../init';
import { errorResponse, idSchema } from '../schemas/common';
import {
  createUserBodySchema,
  pageQuerySchema,
  updateUserBodySchema,
  userEnvelopeSchema,
  usersListSchema,
} from '../schemas/directory';

const taken = errorResponse('Another user of the organization already has one of these addresses');

export const usersRouter = c.router({
  list: {
    method: 'GET',
    path: '/v1/users',
    query: pageQuerySchema,
    summary: 'List users',
    description: "The organization's users (the salespeople who send), by email (`limit` ≤ 200, `offset`).",
    responses: { 200: usersListSchema.describe('The users') },
  },
  create: {
    method: 'POST',
    path: '/v1/users',
    summary: 'Create a user (admin token)',
    description: [
      'A salesperson: follow-ups of mail sent from `email` or one of `addresses` render `{{ user.name }}`,',
      '`{{ user.first_name }}` and `{{ user.signature }}` from here. `time_zone` is an IANA name.',
    ].join(' '),
    body: createUserBodySchema,
    responses: {
      201: userEnvelopeSchema.describe('The user'),
      404: errorResponse('`organization` is not the organization of the token'),
      409: taken,
    },
  },
  update: {
    method: 'PATCH',
    path: '/v1/users/:id',
    pathParams: z.object({ id: idSchema }),
    summary: 'Change a user (admin token)',
    description: 'Sets the given fields; `null` clears one; `addresses` replaces the list.',
    body: updateUserBodySchema,
    responses: {
      200: userEnvelopeSchema.describe('The user'),
      404: errorResponse('No such user'),
      409: taken,
    },
  },
});
