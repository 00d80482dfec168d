import { z } from 'zod';
import { c } from '../init';
import { errorResponse, idSchema } from '../schemas/common';
import {
  cannedResponsesListSchema,
  createCannedResponsesBodySchema,
  updateCannedResponseBodySchema,
} from '../schemas/responses';

export const responsesRouter = c.router({
  list: {
    method: 'GET',
    path: '/v1/responses',
    summary: 'List canned responses',
    description: "The organization's canned responses (the texts follow-ups send).",
    responses: {
      200: cannedResponsesListSchema.describe('The canned responses'),
    },
  },
  create: {
    method: 'POST',
    path: '/v1/responses',
    summary: 'Create canned responses',
    description:
      "`subject` and `body` are Liquid templates with `recipient` and `user` (`{{ recipient.first_name | default: 'there' }}`); a template that does not parse is a 400.",
    body: createCannedResponsesBodySchema,
    responses: {
      201: cannedResponsesListSchema.describe('The created canned responses'),
    },
  },
  get: {
    method: 'GET',
    path: '/v1/responses/:id',
    pathParams: z.object({ id: idSchema }),
    summary: 'Get a canned response',
    description: 'Like Missive, `responses` is a one-element array.',
    responses: {
      200: cannedResponsesListSchema.describe('A one-element array'),
      404: errorResponse('No such canned response'),
    },
  },
  delete: {
    method: 'DELETE',
    path: '/v1/responses/:id',
    pathParams: z.object({ id: idSchema }),
    summary: 'Delete a canned response',
    description:
      'Refused with 409 while a rule schedules it, or a follow-up still scheduled sends it (change or delete the rule first).',
    responses: {
      200: cannedResponsesListSchema.describe('A one-element array with the deleted canned response'),
      404: errorResponse('No such canned response'),
      409: errorResponse('A rule uses it: the message names the rules'),
    },
  },
  update: {
    method: 'PATCH',
    path: '/v1/responses/:id',
    pathParams: z.object({ id: idSchema }),
    summary: 'Update a canned response',
    description:
      'Changes the given fields; `subject: null` clears the subject. A body that does not parse as Liquid is a 400.',
    body: updateCannedResponseBodySchema,
    responses: {
      200: cannedResponsesListSchema.describe('A one-element array with the updated canned response'),
      404: errorResponse('No such canned response'),
    },
  },
});
