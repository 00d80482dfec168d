import { initServer } from '@ts-rest/express';
import { contract } from '@follow-ups/contract';
import { issueToken, listTokens, presentToken, revokeToken } from '@follow-ups/directory';
import { organizationOf } from '../http/auth';

const s = initServer();

export function tokensRoutes() {
  return s.router(contract.tokens, {
    list: async ({ req }) => ({
      status: 200,
      body: { tokens: (await listTokens(organizationOf(req))).map(presentToken) },
    }),
    create: async ({ req, body }) => {
      const { record, token } = await issueToken(organizationOf(req), body.tokens.label, body.tokens.scope);
      return { status: 201, body: { tokens: { ...presentToken(record), token } } };
    },
    revoke: async ({ req, params }) => ({
      status: 200,
      body: { tokens: presentToken(await revokeToken(organizationOf(req), params.id)) },
    }),
  });
}
