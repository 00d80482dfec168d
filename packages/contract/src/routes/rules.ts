import { z } from 'zod';
import { c } from '../init';
import { errorResponse, idSchema } from '../schemas/common';
import { createRuleBodySchema, ruleEnvelopeSchema, rulesListSchema, updateRuleBodySchema } from '../schemas/rules';

const byId = z.object({ id: idSchema });
const notFound = errorResponse('No such rule');
const missingReference = errorResponse(
  'No such rule, or an action names a canned response or label that does not exist',
);

export const rulesRouter = c.router({
  list: {
    method: 'GET',
    path: '/v1/rules',
    summary: 'List rules',
    description: "The organization's outgoing rules, in the order they run (alphabetical by description).",
    responses: {
      200: rulesListSchema.describe('The rules'),
    },
  },
  get: {
    method: 'GET',
    path: '/v1/rules/:id',
    pathParams: byId,
    summary: 'Get a rule',
    description: 'One rule with its conditions and actions.',
    responses: {
      200: ruleEnvelopeSchema.describe('The rule'),
      404: notFound,
    },
  },
  create: {
    method: 'POST',
    path: '/v1/rules',
    summary: 'Create an outgoing rule',
    description: [
      'The rule runs on every message sent through the API whose content matches `conditions`',
      '(`all` or `any` of the items). Its actions run in order: each `schedule_followup` schedules a',
      'canned response `send_after` the triggering message (offsets are not chained), and',
      '`add_labels` labels the conversation. A reply received in the conversation discards the',
      'follow-ups still scheduled. Messages the engine sends never trigger rules.',
    ].join(' '),
    body: createRuleBodySchema,
    responses: {
      201: ruleEnvelopeSchema.describe('The created rule'),
      404: errorResponse('An action names a canned response or label that does not exist'),
    },
  },
  update: {
    method: 'PATCH',
    path: '/v1/rules/:id',
    pathParams: byId,
    summary: 'Update a rule',
    description:
      'Replaces the given fields (`conditions` and `actions` as a whole). Sequences already started keep their plan.',
    body: updateRuleBodySchema,
    responses: {
      200: ruleEnvelopeSchema.describe('The updated rule'),
      404: missingReference,
    },
  },
  delete: {
    method: 'DELETE',
    path: '/v1/rules/:id',
    pathParams: byId,
    summary: 'Delete a rule',
    description: 'Deletes the rule. Sequences it already started keep running; stop them through `/v1/sequences`.',
    responses: {
      200: ruleEnvelopeSchema.describe('The deleted rule'),
      404: notFound,
    },
  },
});
