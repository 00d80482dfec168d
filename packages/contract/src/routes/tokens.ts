import { z } from 'zod';
import { c } from '../init';
import { errorResponse, idSchema } from '../schemas/common';
import {
  createTokenBodySchema,
  createdTokenEnvelopeSchema,
  tokenEnvelopeSchema,
  tokensListSchema,
} from '../schemas/directory';

export const tokensRouter = c.router({
  list: {
    method: 'GET',
    path: '/v1/tokens',
    summary: 'List API tokens (admin token)',
    description: 'Label, scope, creation and last use of each token of the organization; never the secret.',
    responses: { 200: tokensListSchema.describe('The tokens') },
  },
  create: {
    method: 'POST',
    path: '/v1/tokens',
    summary: 'Issue an API token (admin token)',
    description: 'The secret is in this answer only (it is stored hashed). `scope` defaults to `send`.',
    body: createTokenBodySchema,
    responses: { 201: createdTokenEnvelopeSchema.describe('The token, with its secret') },
  },
  revoke: {
    method: 'DELETE',
    path: '/v1/tokens/:id',
    pathParams: z.object({ id: idSchema }),
    summary: 'Revoke an API token (admin token)',
    description: 'Requests with the token are refused (401) from the moment this answers.',
    responses: {
      200: tokenEnvelopeSchema.describe('The revoked token'),
      404: errorResponse('No such token'),
    },
  },
});
