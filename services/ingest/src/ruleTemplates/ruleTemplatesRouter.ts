import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import { organizationOf } from '../http/auth';
import { presentResponse } from '../responses/presentResponse';
import { presentRule } from '../rules/presentRule';
import { presentSharedLabel } from '../labels/presentSharedLabel';
import { createAutomaticFollowUps } from './automaticFollowUps';

const s = initServer();

export function ruleTemplatesRoutes() {
  return s.router(contract.ruleTemplates, {
    automaticFollowUps: async ({ req, body }) => {
      const { rule, responses, label } = await createAutomaticFollowUps(organizationOf(req), body);
      return {
        status: 201,
        body: {
          rules: presentRule(rule),
          responses: responses.map(presentResponse),
          shared_labels: [presentSharedLabel(label)],
        },
      };
    },
  });
}
