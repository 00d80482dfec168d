import { Command, Option } from 'commander';
import { createTokenSchema } from '@follow-ups/contract';
import { issueToken, listTokens, presentToken, revokeToken } from '@follow-ups/directory';
import { API_TOKEN_SCOPES } from '@follow-ups/vocabulary';
import { answer, withJson, type Output } from '../output';
import { idArgument, organizationOption, parseInput } from '../parse';
import type { RunInDb } from '../runInDb';

const when = (seconds: number | null) => (seconds ? new Date(seconds * 1000).toISOString() : 'never');

export function tokenCommand(io: Output, run: RunInDb): Command {
  const token = new Command('token').description('API tokens: stored hashed, the secret is shown once');
  withJson(
    token
      .command('create')
      .description('issue a token and print its secret (shown only now)')
      .requiredOption('--organization <id>', 'organization id')
      .requiredOption('--label <label>', 'what the token is for, e.g. crm')
      .addOption(
        new Option('--scope <scope>', 'admin: every route; send: reads, drafts and sequence controls')
          .choices(API_TOKEN_SCOPES)
          .default('send'),
      ),
  ).action((opts: { organization: string; label: string; scope: string; json?: boolean }) =>
    run(async () => {
      const input = parseInput(createTokenSchema, { label: opts.label, scope: opts.scope });
      const { record, token: secret } = await issueToken(
        await organizationOption(opts.organization),
        input.label,
        input.scope,
      );
      answer(io, opts.json, { ...presentToken(record), token: secret }, (t) => [
        `token ${t.id} (${t.scope}, "${t.label}") — shown once, keep it now:`,
        t.token,
      ]);
    }),
  );
  withJson(
    token
      .command('list')
      .description("list the organization's tokens (never their secrets)")
      .requiredOption('--organization <id>', 'organization id'),
  ).action((opts: { organization: string; json?: boolean }) =>
    run(async () => {
      const tokens = (await listTokens(await organizationOption(opts.organization))).map(presentToken);
      answer(io, opts.json, { tokens }, (v) =>
        v.tokens.length
          ? v.tokens.map(
              (t) =>
                `${t.id}  ${t.scope.padEnd(5)}  created ${when(t.created_at)}  last used ${when(t.last_used_at)}  ${t.label}`,
            )
          : ['no tokens'],
      );
    }),
  );
  withJson(
    token
      .command('revoke')
      .description('revoke a token: requests with it get 401 from now on')
      .argument('<token-id>', 'the id `token list` shows')
      .requiredOption('--organization <id>', 'organization id'),
  ).action((id: string, opts: { organization: string; json?: boolean }) =>
    run(async () => {
      const revoked = presentToken(
        await revokeToken(await organizationOption(opts.organization), idArgument('<token-id>', id)),
      );
      answer(io, opts.json, { ...revoked, revoked: true }, (t) => [`revoked token ${t.id} (${t.label})`]);
    }),
  );
  return token;
}
