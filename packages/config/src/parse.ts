import { z } from 'zod';

/** Thrown at start when the environment does not satisfy a service's schema. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The placeholders of deploy/production/.env.example and k8s/secret.example.yaml: never a real value. */
const PLACEHOLDER = /change-?me/i;

/** The variables of `schema` (an object schema) still set to a placeholder, each named. */
function placeholders(schema: z.ZodTypeAny, env: NodeJS.ProcessEnv): string[] {
  const names = schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
  return names
    .filter((name) => PLACEHOLDER.test(env[name] ?? ''))
    .map((name) => `${name}: still the placeholder of .env.example; set a real value (e.g. openssl rand -hex 32)`);
}

/**
 * Parses `env` with `schema`; every problem names the variable and what was expected. A value
 * left at an example placeholder ("change-me") is refused by name, so a copied example never runs.
 */
export function parseEnv<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  const unset = placeholders(schema, env);
  if (result.success && !unset.length) return result.data;
  const issues = result.success ? [] : result.error.issues;
  throw new ConfigError([
    ...unset,
    ...issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const value = env[String(issue.path[0])];
      return `${name}: ${issue.message}${value === undefined ? ' (not set)' : ''}`;
    }),
  ]);
}

/** Memoises a parser so a service reads its environment once. */
export function memoise<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}
