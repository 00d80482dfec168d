import fs from 'node:fs';
import { Command } from 'commander';
import { createUserSchema, DIRECTORY_PAGE_MAX, updateUserSchema, type ApiUser } from '@follow-ups/contract';
import { createUser, listUsers, presentUser, updateUser } from '@follow-ups/directory';
import { answer, CommandFailure, withJson, type Output } from '../output';
import { idArgument, organizationOption, parseInput } from '../parse';
import type { RunInDb } from '../runInDb';

type UserOptions = {
  organization: string;
  email?: string;
  name?: string;
  firstName?: string;
  lastName?: string;
  address?: string[];
  signature?: string;
  signatureFile?: string;
  timeZone?: string;
  team?: string;
  clear?: string[];
  ifMissing?: boolean;
  json?: boolean;
};

const CLEARABLE = ['name', 'first_name', 'last_name', 'addresses', 'signature', 'time_zone', 'team'] as const;
const collect = (value: string, previous: string[] = []) => [...previous, value];
const list = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim().replace(/-/g, '_'))
    .filter(Boolean),
];

/** The options people and follow-ups read: name, first name, addresses, signature, time zone, team. */
function personOptions(command: Command): Command {
  return command
    .requiredOption('--organization <id>', 'organization id')
    .option('--name <name>', 'full name, e.g. "Alex Martin"')
    .option('--first-name <name>', 'first name (create: defaults to the first word of --name)')
    .option('--last-name <name>', 'last name')
    .option(
      '--address <email>',
      'another address the user sends from (repeat for more; update replaces the list)',
      collect,
    )
    .option('--signature <html>', 'signature HTML the follow-ups end with')
    .option('--signature-file <path>', 'read the signature HTML from a file')
    .option('--time-zone <zone>', 'IANA time zone, e.g. Europe/Paris')
    .option('--team <team-id>', "the user's primary team (`team list`): mail from their own mailbox gets it");
}

function personInput(opts: UserOptions) {
  if (opts.signature !== undefined && opts.signatureFile)
    throw new CommandFailure('validation_error', 'give --signature or --signature-file, not both');
  const signature = opts.signatureFile ? fs.readFileSync(opts.signatureFile, 'utf8') : opts.signature;
  return {
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    ...(opts.firstName !== undefined ? { first_name: opts.firstName } : {}),
    ...(opts.lastName !== undefined ? { last_name: opts.lastName } : {}),
    ...(opts.address ? { addresses: opts.address } : {}),
    ...(signature !== undefined ? { signature } : {}),
    ...(opts.timeZone !== undefined ? { time_zone: opts.timeZone } : {}),
    ...(opts.team !== undefined ? { team: opts.team } : {}),
  };
}

const describe = (u: ApiUser) =>
  `${u.id}  ${u.email}${u.addresses.length ? ` (+${u.addresses.join(', ')})` : ''}  ${u.name ?? '(no name)'}${u.time_zone ? `  ${u.time_zone}` : ''}${u.team ? `  team ${u.team}` : ''}${u.signature ? '  [signature]' : ''}`;

export function userCommand(io: Output, run: RunInDb): Command {
  const user = new Command('user').description(
    'users: the salespeople who send; follow-ups render their name and signature',
  );
  withJson(
    personOptions(
      user
        .command('create')
        .description('create a user and print its id')
        .argument('<email>', 'the address they send from'),
    ).option('--if-missing', 'if the organization has a user with this email, print it (unchanged) instead'),
  ).action((email: string, opts: UserOptions) =>
    run(async () => {
      const input = parseInput(createUserSchema, { email, ...personInput(opts) });
      const { user: created, created: isNew } = await createUser(await organizationOption(opts.organization), input, {
        ifMissing: opts.ifMissing,
      });
      answer(io, opts.json, { ...presentUser(created), created: isNew }, (u) => [
        `${u.created ? 'created' : 'exists '} user ${describe(u)}`,
      ]);
    }),
  );
  withJson(
    user
      .command('list')
      .description("list the organization's users")
      .requiredOption('--organization <id>', 'organization id'),
  ).action((opts: { organization: string; json?: boolean }) =>
    run(async () => {
      const users = (
        await listUsers(await organizationOption(opts.organization), { limit: DIRECTORY_PAGE_MAX * 50, offset: 0 })
      ).map(presentUser);
      answer(io, opts.json, { users }, (v) => (v.users.length ? v.users.map(describe) : ['no users']));
    }),
  );
  withJson(
    personOptions(
      user
        .command('update')
        .description('change a user: the given fields only')
        .argument('<user-id>', 'the id `user list` shows'),
    )
      .option('--email <email>', 'a new main address')
      .option('--clear <fields>', `clear fields (comma-separated: ${CLEARABLE.join(', ')})`, list),
  ).action((id: string, opts: UserOptions) =>
    run(async () => {
      const unknown = (opts.clear ?? []).filter((f) => !(CLEARABLE as readonly string[]).includes(f));
      if (unknown.length)
        throw new CommandFailure(
          'validation_error',
          `--clear: unknown field ${unknown.join(', ')} (one of ${CLEARABLE.join(', ')})`,
        );
      const cleared = Object.fromEntries((opts.clear ?? []).map((f) => [f, f === 'addresses' ? [] : null]));
      const change = parseInput(updateUserSchema, {
        ...(opts.email !== undefined ? { email: opts.email } : {}),
        ...personInput(opts),
        ...cleared,
      });
      const updated = presentUser(
        await updateUser(await organizationOption(opts.organization), idArgument('<user-id>', id), change),
      );
      answer(io, opts.json, updated, (u) => [`user ${describe(u)}`]);
    }),
  );
  return user;
}
