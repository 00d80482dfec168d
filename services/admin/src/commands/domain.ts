import { Command } from 'commander';
import { addSenderDomain, listSenderDomains, removeSenderDomain } from '@follow-ups/directory';
import { answer, withJson, type Output } from '../output';
import { organizationOption } from '../parse';
import type { RunInDb } from '../runInDb';

type Opts = { organization: string; json?: boolean };

/** `domain add|remove|list`: the mail domains an organization may send from (only the operator assigns them). */
export function domainCommand(io: Output, run: RunInDb): Command {
  const domain = new Command('domain').description(
    "sender domains: an organization's tokens may send from any address in its domains",
  );
  withJson(
    domain
      .command('add')
      .description('assign a domain to the organization (one organization per domain unless --shared)')
      .argument('<domain>', 'e.g. acme.com')
      .requiredOption('--organization <id>', 'organization id')
      .option('--shared', 'assign it even though another organization holds it (one company, several organizations)'),
  ).action((name: string, opts: Opts & { shared?: boolean }) =>
    run(async () => {
      const added = await addSenderDomain(await organizationOption(opts.organization), name, { shared: opts.shared });
      answer(io, opts.json, added, (d) => [`${d.created ? 'added ' : 'exists '} domain ${d.domain}`]);
    }),
  );
  withJson(
    domain
      .command('remove')
      .description('take a domain away: its addresses can no longer be sent from')
      .argument('<domain>', 'e.g. acme.com')
      .requiredOption('--organization <id>', 'organization id'),
  ).action((name: string, opts: Opts) =>
    run(async () => {
      const removed = await removeSenderDomain(await organizationOption(opts.organization), name);
      answer(io, opts.json, { domain: removed, removed: true }, (d) => [`removed domain ${d.domain}`]);
    }),
  );
  withJson(
    domain
      .command('list')
      .description("list the organization's domains")
      .requiredOption('--organization <id>', 'organization id'),
  ).action((opts: Opts) =>
    run(async () => {
      const domains = await listSenderDomains(await organizationOption(opts.organization));
      answer(io, opts.json, { domains }, (v) => (v.domains.length ? v.domains : ['no domains']));
    }),
  );
  return domain;
}
