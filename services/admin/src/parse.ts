import { idSchema } from '@follow-ups/contract';
import type { z } from 'zod';
import { getOrganization } from '@follow-ups/directory';
import { CommandFailure, invalidInput } from './output';

/** Parses command-line input with a contract schema; issues name the option (`first_name` → `--first-name`). */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(result.error, (path) => `--${path.replace(/_/g, '-')}`);
  return result.data;
}

/** The `--organization` id, checked to exist. */
export async function organizationOption(id: string): Promise<string> {
  if (!idSchema.safeParse(id).success)
    throw new CommandFailure('validation_error', `--organization: expected a 24-character hex id, got "${id}"`);
  return String((await getOrganization(id))._id);
}

/** A record id argument (team, user, token). */
export function idArgument(what: string, id: string): string {
  if (!idSchema.safeParse(id).success)
    throw new CommandFailure('validation_error', `${what}: expected a 24-character hex id, got "${id}"`);
  return id;
}
