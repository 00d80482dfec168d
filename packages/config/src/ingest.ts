import { z } from 'zod';
import { baseEnvSchema, replyEnvSchema, sendgridEnvSchema } from './base';
import { memoise, parseEnv } from './parse';

export const ingestEnvSchema = baseEnvSchema.merge(sendgridEnvSchema).merge(replyEnvSchema).extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
  /** Path secret of the SendGrid Inbound Parse webhook: POST /webhooks/sendgrid/inbound/<secret>. */
  INBOUND_WEBHOOK_SECRET: z.string().min(16, 'expected a secret of at least 16 characters'),
  /** Optional basic auth on the webhook, "user:password" (SendGrid supports it in the URL). */
  INBOUND_WEBHOOK_BASIC_AUTH: z.string().regex(/^[^:]+:.+$/, 'expected user:password').optional(),
});

export type IngestConfig = z.infer<typeof ingestEnvSchema>;
export const loadIngestConfig = memoise(() => parseEnv(ingestEnvSchema));
