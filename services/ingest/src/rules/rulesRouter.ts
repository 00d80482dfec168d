import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import { Rule } from '@follow-ups/db';
import { organizationOf } from '../http/auth';
import { presentRule } from './presentRule';
import { sortInRunOrder } from './ordering';
import { createRule, deleteRule, findRule, updateRule } from './rules';

const s = initServer();

export function rulesRoutes() {
  return s.router(contract.rules, {
    list: async ({ req }) => {
      const rules = await Rule.find({ organization: organizationOf(req) }).lean();
      return { status: 200, body: { rules: sortInRunOrder(rules).map(presentRule) } };
    },
    get: async ({ req, params }) => ({
      status: 200,
      body: { rules: presentRule(await findRule(organizationOf(req), params.id)) },
    }),
    create: async ({ req, body }) => ({
      status: 201,
      body: { rules: presentRule(await createRule(organizationOf(req), body.rules)) },
    }),
    update: async ({ req, params, body }) => ({
      status: 200,
      body: { rules: presentRule(await updateRule(organizationOf(req), params.id, body.rules)) },
    }),
    delete: async ({ req, params }) => ({
      status: 200,
      body: { rules: presentRule(await deleteRule(organizationOf(req), params.id)) },
    }),
  });
}
