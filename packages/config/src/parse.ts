import { z } from 'zod';

/** Thrown at start when the environment does not satisfy a service's schema. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses `env` with `schema`; every problem names the variable and what was expected. */
export function parseEnv<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const value = env[String(issue.path[0])];
      return `${name}: ${issue.message}${value === undefined ? ' (not set)' : ''}`;
    }),
  );
}

/** Memoises a parser so a service reads its environment once. */
export function memoise<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}
