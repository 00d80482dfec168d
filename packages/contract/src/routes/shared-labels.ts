import { c } from '../init';
import { errorResponse } from '../schemas/common';
import { createSharedLabelsBodySchema, sharedLabelsListSchema } from '../schemas/shared-labels';

export const sharedLabelsRouter = c.router({
  list: {
    method: 'GET',
    path: '/v1/shared_labels',
    summary: 'List shared labels',
    description: "The organization's shared labels.",
    responses: {
      200: sharedLabelsListSchema.describe('The labels'),
    },
  },
  create: {
    method: 'POST',
    path: '/v1/shared_labels',
    summary: 'Create shared labels',
    description: 'Creates one or more labels. Names are unique per organization; nothing is created if one clashes.',
    body: createSharedLabelsBodySchema,
    responses: {
      201: sharedLabelsListSchema.describe('The created labels'),
      409: errorResponse('A label with this name already exists'),
    },
  },
});
