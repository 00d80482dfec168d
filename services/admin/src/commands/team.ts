import { Command } from 'commander';
import { createTeamSchema, DIRECTORY_PAGE_MAX, updateTeamSchema } from '@follow-ups/contract';
import { createTeam, listTeams, presentTeam, updateTeam } from '@follow-ups/directory';
import { answer, withJson, type Output } from '../output';
import { idArgument, organizationOption, parseInput } from '../parse';
import type { RunInDb } from '../runInDb';

export function teamCommand(io: Output, run: RunInDb): Command {
  const team = new Command('team').description(
    'teams: what the rules\' "Team is" condition and a draft\'s `team` name',
  );
  withJson(
    team
      .command('create')
      .description('create a team and print its id')
      .argument('<name>', 'its name, e.g. Sales')
      .requiredOption('--organization <id>', 'organization id')
      .option('--if-missing', 'if the organization has a team of that name, print it instead of creating another'),
  ).action((name: string, opts: { organization: string; ifMissing?: boolean; json?: boolean }) =>
    run(async () => {
      const input = parseInput(createTeamSchema, { name });
      const { team: created, created: isNew } = await createTeam(await organizationOption(opts.organization), input, {
        ifMissing: opts.ifMissing,
      });
      answer(io, opts.json, { ...presentTeam(created), created: isNew }, (t) => [
        `${t.created ? 'created' : 'exists '} team ${t.id}  ${t.name}`,
      ]);
    }),
  );
  withJson(
    team
      .command('list')
      .description("list the organization's teams")
      .requiredOption('--organization <id>', 'organization id'),
  ).action((opts: { organization: string; json?: boolean }) =>
    run(async () => {
      const teams = (
        await listTeams(await organizationOption(opts.organization), { limit: DIRECTORY_PAGE_MAX * 50, offset: 0 })
      ).map(presentTeam);
      answer(io, opts.json, { teams }, (v) =>
        v.teams.length ? v.teams.map((t) => `${t.id}  ${t.name}`) : ['no teams'],
      );
    }),
  );
  withJson(
    team
      .command('update')
      .description('rename a team (rules refer to it by id and keep working)')
      .argument('<team-id>', 'the id `team list` shows')
      .requiredOption('--organization <id>', 'organization id')
      .requiredOption('--name <name>', 'the new name'),
  ).action((id: string, opts: { organization: string; name: string; json?: boolean }) =>
    run(async () => {
      const change = parseInput(updateTeamSchema, { name: opts.name });
      const updated = presentTeam(
        await updateTeam(await organizationOption(opts.organization), idArgument('<team-id>', id), change),
      );
      answer(io, opts.json, updated, (t) => [`team ${t.id}  ${t.name}`]);
    }),
  );
  return team;
}
