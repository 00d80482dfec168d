import { Command } from 'commander';
import { createOrganization, listOrganizations, presentOrganization } from '@follow-ups/directory';
import { answer, withJson, type Output } from '../output';
import type { RunInDb } from '../runInDb';

export function orgCommand(io: Output, run: RunInDb): Command {
  const org = new Command('org').description('organizations: each has its own rules, people, tokens and data');
  withJson(
    org
      .command('create')
      .description('create an organization and print its id')
      .argument('<name>', 'its name, e.g. "Acme Sales"')
      .option('--if-missing', 'if an organization of that name exists, print it instead of creating another'),
  ).action((name: string, opts: { ifMissing?: boolean; json?: boolean }) =>
    run(async () => {
      const { organization, created } = await createOrganization(name, { ifMissing: opts.ifMissing });
      answer(io, opts.json, { ...presentOrganization(organization), created }, (o) => [
        `${o.created ? 'created' : 'exists '} organization ${o.id}  ${o.name}`,
      ]);
    }),
  );
  withJson(org.command('list').description('list every organization')).action((opts: { json?: boolean }) =>
    run(async () => {
      const organizations = (await listOrganizations()).map(presentOrganization);
      answer(io, opts.json, { organizations }, (v) =>
        v.organizations.length ? v.organizations.map((o) => `${o.id}  ${o.name}`) : ['no organizations'],
      );
    }),
  );
  return org;
}
