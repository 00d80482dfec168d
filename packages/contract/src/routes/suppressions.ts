import { z } from 'zod';
import { c } from '../init';
import { errorResponse } from '../schemas/common';
import {
  createSuppressionsBodySchema,
  listSuppressionsQuerySchema,
  suppressionsListSchema,
} from '../schemas/suppressions';

export const suppressionsRouter = c.router({
  list: {
    method: 'GET',
    path: '/v1/suppressions',
    query: listSuppressionsQuerySchema,
    summary: 'List suppressed addresses',
    description:
      "The organization's suppression list, newest first: addresses that bounced, were dropped, complained or unsubscribed, and those added through the API.",
    responses: {
      200: suppressionsListSchema.describe('The suppressed addresses'),
    },
  },
  create: {
    method: 'POST',
    path: '/v1/suppressions',
    summary: 'Suppress addresses (import a list)',
    description:
      'Adds up to 1000 addresses. Each one also stops the running sequences to it and discards its scheduled drafts, with the reason. An address already on the list keeps its first reason.',
    body: createSuppressionsBodySchema,
    responses: {
      201: suppressionsListSchema.describe('The entries, as stored'),
    },
  },
  remove: {
    method: 'DELETE',
    path: '/v1/suppressions/:address',
    pathParams: z.object({ address: z.string().trim().email() }),
    summary: 'Lift a suppression',
    description: 'Mail to the address may be sent again. Drafts discarded and sequences stopped because of it stay so.',
    responses: {
      200: suppressionsListSchema.describe('A one-element array with the lifted entry'),
      404: errorResponse('The address is not suppressed'),
    },
  },
});
