// How the admin command answers: `--json` prints one JSON document (for scripts), otherwise lines for people.
import { DirectoryError } from '@follow-ups/directory';
import { Command, CommanderError } from 'commander';
import type { ZodError } from 'zod';

export type Output = { out: (text: string) => void; err: (text: string) => void };
export const stdio: Output = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

/** A failure the command reports with its code and exits 1 for. */
export class CommandFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** The `--json` option every command has. */
export const withJson = (command: Command) => command.option('--json', 'print one JSON document (for scripts)');

/** Prints `value` as JSON, or as the lines `human` makes of it. */
export function answer<T>(io: Output, json: boolean | undefined, value: T, human: (value: T) => string[]): void {
  if (json) io.out(JSON.stringify(value));
  else for (const line of human(value)) io.out(line);
}

/** A zod failure on command-line input as a CommandFailure naming each option. */
export function invalidInput(error: ZodError, optionOf: (path: string) => string = (p) => p): CommandFailure {
  const issues = error.issues.map((i) => ({ path: optionOf(i.path.join('.')), message: i.message }));
  return new CommandFailure('validation_error', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

/** A directory issue names the API field (`body.users.team`); the command names its option (`--team`). */
const asOption = (issue: { path: string; message: string }) => ({
  ...issue,
  path: `--${issue.path.split('.').pop()!.replace(/_/g, '-')}`,
});

/** Prints a failure (JSON on stderr with `--json`) and returns the exit code. */
export function reportFailure(io: Output, json: boolean, error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode; // commander printed it already
  const failure =
    error instanceof CommandFailure
      ? error
      : error instanceof DirectoryError
        ? new CommandFailure(error.code, error.message, error.issues?.map(asOption))
        : null;
  if (!failure) {
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  io.err(
    json
      ? JSON.stringify({
          error: {
            code: failure.code,
            message: failure.message,
            ...(failure.issues ? { issues: failure.issues } : {}),
          },
        })
      : `error: ${failure.message}`,
  );
  return 1;
}
