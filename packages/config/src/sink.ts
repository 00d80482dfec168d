import { z } from 'zod';
import { memoise, parseEnv } from './parse';

/** The local SendGrid-compatible sink (services/sendgrid-sink). */
export const sinkEnvSchema = z.object({
  SINK_PORT: z.coerce.number().int().min(0).max(65_535).default(3030),
  SINK_HOST: z.string().min(1).default('127.0.0.1'),
  /** Where to report accepted mails like SendGrid's Event Webhook (with the private key below). */
  SINK_EVENT_WEBHOOK_URL: z.string().url().optional(),
  /** The key that signs those posts: PEM, or base64 of the PKCS#8 DER. */
  SINK_EVENT_WEBHOOK_PRIVATE_KEY: z.string().min(1).optional(),
  /** How long events are gathered into one post. */
  SINK_EVENT_BATCH_MS: z.coerce.number().int().min(0).optional(),
});

export type SinkConfig = z.infer<typeof sinkEnvSchema>;
export const loadSinkConfig = memoise(() => parseEnv(sinkEnvSchema));
