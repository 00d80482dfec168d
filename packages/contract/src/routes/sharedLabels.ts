import { z } from 'zod';
import { c } from '../init';
import { errorResponse, idSchema } from '../schemas/common';
import {
  createSharedLabelsBodySchema,
  sharedLabelsListSchema,
  updateSharedLabelBodySchema,
} from '../schemas/sharedLabels';

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
  update: {
    method: 'PATCH',
    path: '/v1/shared_labels/:id',
    pathParams: z.object({ id: idSchema }),
    summary: 'Update a shared label',
    description: 'Renames or recolours a label; conversations keep it (they hold its id).',
    body: updateSharedLabelBodySchema,
    responses: {
      200: sharedLabelsListSchema.describe('A one-element array with the updated label'),
      404: errorResponse('No such shared label'),
      409: errorResponse('Another label has this name'),
    },
  },
});
