import { z } from 'zod';
import { baseEnvSchema, replyEnvSchema, sendgridEnvSchema } from './base';
import { memoise, parseEnv } from './parse';

export const workerEnvSchema = baseEnvSchema.merge(sendgridEnvSchema).merge(replyEnvSchema).extend({
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().default(20),
  /** Where ingest is reachable: the base of the one-click unsubscribe links in follow-ups. */
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
});

export type WorkerConfig = z.infer<typeof workerEnvSchema>;
export const loadWorkerConfig = memoise(() => parseEnv(workerEnvSchema));
