import { z } from 'zod';
import { memoise, parseEnv } from './parse';

/** The local SendGrid-compatible sink (services/sendgrid-sink). */
export const sinkEnvSchema = z.object({
  SINK_PORT: z.coerce.number().int().min(0).max(65_535).default(3030),
  SINK_HOST: z.string().min(1).default('127.0.0.1'),
});

export type SinkConfig = z.infer<typeof sinkEnvSchema>;
export const loadSinkConfig = memoise(() => parseEnv(sinkEnvSchema));
