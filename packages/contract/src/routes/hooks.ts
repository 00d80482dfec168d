import { z } from 'zod';
import { c } from '../init';
import { errorResponse, idSchema } from '../schemas/common';
import {
  createHookBodySchema,
  createdHookEnvelopeSchema,
  hookDeliveriesListSchema,
  hookEnvelopeSchema,
  hooksListSchema,
  listHookDeliveriesQuerySchema,
} from '../schemas/hooks';

const byId = z.object({ id: idSchema });
const notFound = errorResponse('No such hook');

export const hooksRouter = c.router({
  list: {
    method: 'GET',
    path: '/v1/hooks',
    summary: 'List webhook subscriptions',
    description: "The organization's hooks, oldest first. Secrets are never listed.",
    responses: {
      200: hooksListSchema.describe('The hooks'),
    },
  },
  create: {
    method: 'POST',
    path: '/v1/hooks',
    summary: 'Subscribe a URL to events',
    description: [
      'Every event of `type` (optionally narrowed by `filters`) is POSTed to `url` as JSON, signed',
      'following the Standard Webhooks specification (`webhook-id`, `webhook-timestamp`,',
      "`webhook-signature`) with the hook's own secret, which this answer shows once. Deliveries are",
      'retried with exponential backoff for hours, in order per conversation; `webhook-id` is stable',
      'per event so a receiver can drop repeats. The URL must be https.',
    ].join(' '),
    body: createHookBodySchema,
    responses: {
      201: createdHookEnvelopeSchema.describe('The hook, with its signing secret'),
      404: errorResponse(
        '`organization` is not the organization of the token, or a filter names a rule or conversation it does not have',
      ),
      409: errorResponse('The organization already has the most hooks allowed (50)'),
    },
  },
  delete: {
    method: 'DELETE',
    path: '/v1/hooks/:id',
    pathParams: byId,
    summary: 'Delete a hook',
    description: 'Stops deliveries to the hook; attempts still pending are cancelled.',
    responses: {
      200: hookEnvelopeSchema.describe('The deleted hook'),
      404: notFound,
    },
  },
  deliveries: {
    method: 'GET',
    path: '/v1/hooks/:id/deliveries',
    pathParams: byId,
    query: listHookDeliveriesQuerySchema,
    summary: "A hook's deliveries",
    description:
      'The most recent events sent (or being sent) to the hook, newest first, each with every attempt: time, HTTP status or error.',
    responses: {
      200: hookDeliveriesListSchema.describe('The deliveries'),
      404: notFound,
    },
  },
});
