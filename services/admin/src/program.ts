import { Command } from 'commander';
import { domainCommand } from './commands/domain';
import { orgCommand } from './commands/org';
import { teamCommand } from './commands/team';
import { tokenCommand } from './commands/token';
import { userCommand } from './commands/user';
import type { Output } from './output';
import type { RunInDb } from './runInDb';

/** `npm run admin -- <command>`: every command and subcommand has --help. */
export function buildProgram(io: Output, run: RunInDb): Command {
  const program = new Command('admin')
    .description(
      'Administer Follow-ups: organizations, API tokens, teams, users and sender domains. Reads MONGODB_URI.',
    )
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError()
    .exitOverride();
  for (const command of [
    orgCommand(io, run),
    tokenCommand(io, run),
    teamCommand(io, run),
    userCommand(io, run),
    domainCommand(io, run),
  ]) {
    program.addCommand(
      command
        .exitOverride()
        .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) }),
    );
  }
  return program;
}
