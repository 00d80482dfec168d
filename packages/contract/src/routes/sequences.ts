import { z } from 'zod';
import { c } from '../init';
import { errorResponse } from '../schemas/common';
import {
  emptyBodySchema,
  listSequencesQuerySchema,
  sequenceEnvelopeSchema,
  sequenceIdSchema,
  sequencesPageSchema,
  stopSequenceBodySchema,
} from '../schemas/sequences';

const byId = z.object({ id: sequenceIdSchema });
const notFound = errorResponse('No such sequence');

export const sequencesRouter = c.router({
  list: {
    method: 'GET',
    path: '/v1/sequences',
    query: listSequencesQuerySchema,
    summary: 'List follow-up sequences',
    description:
      'Sequences (one Temporal workflow per conversation), newest first, filtered by status, rule, sender, recipient or conversation. Pass `next_page_token` back as `page_token` for the next page; it is null on the last one.',
    responses: {
      200: sequencesPageSchema.describe('One page of sequences; `steps` may be left out'),
    },
  },
  get: {
    method: 'GET',
    path: '/v1/sequences/:id',
    pathParams: byId,
    summary: 'Get a sequence',
    description: 'The live state of a sequence with each step: when it is due, and whether it was sent or discarded.',
    responses: {
      200: sequenceEnvelopeSchema.describe('The sequence'),
      404: notFound,
    },
  },
  stop: {
    method: 'POST',
    path: '/v1/sequences/:id/stop',
    pathParams: byId,
    summary: 'Stop a sequence',
    description: 'Discards every follow-up still scheduled and closes the sequence with status `stopped`. Final.',
    body: stopSequenceBodySchema,
    responses: {
      200: sequenceEnvelopeSchema.describe('The stopped sequence'),
      404: notFound,
      409: errorResponse('The sequence has already finished'),
    },
  },
  pause: {
    method: 'POST',
    path: '/v1/sequences/:id/pause',
    pathParams: byId,
    summary: 'Pause a sequence',
    description:
      'Holds every follow-up still scheduled until the sequence is resumed. A reply still ends a paused sequence.',
    body: emptyBodySchema,
    responses: {
      200: sequenceEnvelopeSchema.describe('The paused sequence'),
      404: notFound,
      409: errorResponse('The sequence is not active'),
    },
  },
  resume: {
    method: 'POST',
    path: '/v1/sequences/:id/resume',
    pathParams: byId,
    summary: 'Resume a paused sequence',
    description:
      'Continues a paused sequence. The remaining steps are shifted by the time spent paused, so the gaps between follow-ups stay as planned.',
    body: emptyBodySchema,
    responses: {
      200: sequenceEnvelopeSchema.describe('The resumed sequence'),
      404: notFound,
      409: errorResponse('The sequence is not paused'),
    },
  },
});
