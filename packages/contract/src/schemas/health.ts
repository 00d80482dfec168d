import { z } from 'zod';

export const dependencyStateSchema = z.enum(['up', 'down']);

/** `GET /healthz`: the state of each dependency; `down` names the failing ones. */
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.object({ temporal: dependencyStateSchema, mongodb: dependencyStateSchema }),
  down: z.array(z.string()).optional(),
});
export type Health = z.infer<typeof healthSchema>;
