import { z } from 'zod';
import { baseEnvSchema, payloadKeyEnvSchema, optional, replyEnvSchema, sendgridEnvSchema } from './base';
import { memoise, parseEnv } from './parse';

export const ingestEnvSchema = baseEnvSchema
  .merge(sendgridEnvSchema)
  .merge(replyEnvSchema)
  .merge(payloadKeyEnvSchema)
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
    /** Path secret of the SendGrid Inbound Parse webhook: POST /webhooks/sendgrid/inbound/<secret>. */
    INBOUND_WEBHOOK_SECRET: z.string().min(16, 'expected a secret of at least 16 characters'),
    /**
     * Path secret of the Event Webhook URL: POST /webhooks/sendgrid/events/<secret>. Unset: the
     * Inbound Parse secret (the one secret of earlier versions), so an upgrade keeps both URLs working.
     */
    EVENT_WEBHOOK_URL_SECRET: optional(z.string().min(16, 'expected a secret of at least 16 characters')),
    /** Optional basic auth on the webhook, "user:password" (SendGrid supports it in the URL). */
    INBOUND_WEBHOOK_BASIC_AUTH: z
      .string()
      .regex(/^[^:]+:.+$/, 'expected user:password')
      .optional(),
    /** SendGrid → Mail Settings → Signed Event Webhook → verification key. Unset: event posts get 403. */
    SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY: optional(
      z.string().min(40, 'expected the verification key SendGrid shows (base64)'),
    ),
    /** Oldest accepted X-Twilio-Email-Event-Webhook-Timestamp, seconds: older (replayed) posts get 403. */
    SENDGRID_EVENT_WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().positive().default(600),
    /** Conversations with no activity for this many days are erased by the history sweep. Unset: kept. */
    HISTORY_RETENTION_DAYS: optional(z.coerce.number().int().min(1)),
    /** Soft bounces (`blocked`) in a row to one address that count as a hard bounce. */
    SOFT_BOUNCE_LIMIT: z.coerce.number().int().positive().default(3),
    /** API requests per second (average, then burst) per client address, counted before the token is checked. */
    RATE_LIMIT_ADDRESS_PER_SECOND: z.coerce.number().positive().default(200),
    RATE_LIMIT_ADDRESS_BURST: z.coerce.number().int().positive().default(2000),
    /** API requests per second (average, then burst) per API token. */
    RATE_LIMIT_TOKEN_PER_SECOND: z.coerce.number().positive().default(100),
    RATE_LIMIT_TOKEN_BURST: z.coerce.number().int().positive().default(1000),
    /** Bearer token of the Temporal codec server at /temporal-codec (docs/payload-encryption.md). Unset: not served. */
    TEMPORAL_CODEC_SERVER_TOKEN: optional(z.string().min(32, 'expected a token of at least 32 characters')),
    /** Browser origins (the Temporal UI's) allowed to call the codec server, comma-separated. */
    TEMPORAL_CODEC_CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      ),
  });

export type IngestConfig = z.infer<typeof ingestEnvSchema>;
export const loadIngestConfig = memoise(() => parseEnv(ingestEnvSchema));
