import { z } from 'zod';
import { c } from '../init';
import { errorResponse, idSchema } from '../schemas/common';
import { analyticsQuerySchema, ruleAnalyticsEnvelopeSchema, ruleAnalyticsListSchema } from '../schemas/analytics';

const described = [
  'Counted as events happen (docs/analytics.md): sequences started and how they ended, and per step',
  '(0 = the initial email) the follow-ups scheduled, sent and discarded, replies (on the last step sent',
  'before them), out-of-office answers, bounces and unsubscribes. Weeks are the unit: the range covers',
  'every week (Monday, UTC) it overlaps. `from` after `until`, or a range over 400 days, is a 400. No opens or clicks.',
].join(' ');

export const analyticsRouter = c.router({
  rule: {
    method: 'GET',
    path: '/v1/analytics/rules/:id',
    pathParams: z.object({ id: idSchema }),
    query: analyticsQuerySchema,
    summary: "A rule's analytics",
    description: described,
    responses: {
      200: ruleAnalyticsEnvelopeSchema.describe("The rule's counts in the range"),
      404: errorResponse('The organization has no such rule'),
    },
  },
  rules: {
    method: 'GET',
    path: '/v1/analytics/rules',
    query: analyticsQuerySchema,
    summary: "Every rule's analytics",
    description: `The analytics of each of the organization's rules, in order of description. ${described}`,
    responses: {
      200: ruleAnalyticsListSchema.describe('One entry per rule'),
    },
  },
});
