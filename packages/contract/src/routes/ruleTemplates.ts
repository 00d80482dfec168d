import { c } from '../init';
import { errorResponse } from '../schemas/common';
import { automaticFollowUpsBodySchema, automaticFollowUpsResultSchema } from '../schemas/ruleTemplates';

export const ruleTemplatesRouter = c.router({
  automaticFollowUps: {
    method: 'POST',
    path: '/v1/rules/templates/automatic-follow-ups',
    summary: 'Create the "Automatic follow ups" rule',
    description: [
      'Builds Missive\'s "Automatic follow ups" rule template in one call: one canned response per',
      'follow-up, the label (found or created by name, or given by id) and one enabled outgoing rule with',
      'conditions (all must hold): From is `senders`; Team is `team` (only if given); Message content',
      "contains `trigger_phrase`; Message content does not contain each follow-up's opening phrase",
      '(`phrase`), one condition per follow-up, so the follow-ups never re-trigger the rule. Actions, in',
      'order: schedule each follow-up `send_after` the initial email (1, 3 and 7 days by default, not',
      'chained), then add the label. Without `followups`, three canned texts are used. A reply received',
      'in the conversation discards the follow-ups still scheduled.',
    ].join(' '),
    body: automaticFollowUpsBodySchema,
    responses: {
      201: automaticFollowUpsResultSchema.describe('The rule with the canned responses and the label it uses'),
      404: errorResponse('The team or the label id does not exist'),
      409: errorResponse('The rule or the label conflicts with an existing one'),
    },
  },
});
