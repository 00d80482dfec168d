import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { isIP } from 'node:net';
import { memoise, parseEnv } from './parse';

/** `a.b.c.d/n` (n ≤ 32) or `ipv6/n` (n ≤ 128). */
function isCidr(value: string): boolean {
  const [net = '', prefix = '', ...rest] = value.split('/');
  const family = isIP(net);
  return rest.length === 0 && family !== 0 && /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const url = (protocols: string[]) =>
  z.string().refine((v) => protocols.some((p) => v.startsWith(p)), {
    message: `expected a URL starting with ${protocols.join(' or ')}`,
  });

/** An optional variable where set-but-empty means unset (compose passes `${NAME:-}` through as ""). */
export const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** Variables every service reads. */
export const baseEnvSchema = z.object({
  TEMPORAL_ADDRESS: z.string().regex(/^[^:\s]+:\d+$/, 'expected host:port, e.g. localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('follow-ups'),
  MONGODB_URI: url(['mongodb://', 'mongodb+srv://']),
  /** Divides every rule delay: 86400 makes "1 day" last one second. For demos and tests only. */
  FOLLOWUPS_DELAY_DIVISOR: z.coerce.number().positive().default(1),
  /** Event webhooks: http receivers allowed and retries in seconds. For tests and demos only. */
  HOOKS_TEST_MODE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * Special-purpose networks hooks may reach anyway (on-premise integrations), comma-separated
   * CIDRs such as `10.20.0.0/16,fd00:1::/64`. Empty by default: no private, loopback or reserved address.
   */
  HOOKS_ALLOWED_PRIVATE_CIDRS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isCidr, 'expected CIDRs like 10.20.0.0/16 or fd00:1::/64, comma-separated'))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** LOG_LEVEL alone, for loggers created before a service loads its whole config. */
export const loadLogLevel = memoise(() => parseEnv(baseEnvSchema.pick({ LOG_LEVEL: true })).LOG_LEVEL);

/** SendGrid access: a real key, or any key plus SENDGRID_BASE_URL pointing at the local sink. */
export const sendgridEnvSchema = z.object({
  SENDGRID_API_KEY: z.string().min(1, 'expected a SendGrid API key'),
  SENDGRID_BASE_URL: url(['http://', 'https://']).optional(),
});

/** Shared between ingest (which mints reply addresses) and the worker (which sends with them). */
export const replyEnvSchema = z.object({
  INBOUND_REPLY_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$|^localhost$/i, 'expected a mail domain, e.g. reply.example.com'),
  REPLY_TOKEN_SECRET: z.string().min(16, 'expected a secret of at least 16 characters'),
  /**
   * During a rotation of REPLY_TOKEN_SECRET: the secret it replaces. Reply addresses, log addresses
   * and unsubscribe links signed with either verify; new ones are signed with REPLY_TOKEN_SECRET.
   */
  REPLY_TOKEN_SECRET_PREVIOUS: optional(z.string().min(16, 'expected a secret of at least 16 characters')),
  /**
   * Key of the hashed suppressions an erasure leaves (HMAC of the address). Never rotated. Unset:
   * derived from REPLY_TOKEN_SECRET — set it before rotating that secret (deploy/production/README.md).
   */
  SUPPRESSION_HASH_SECRET: optional(z.string().min(16, 'expected a secret of at least 16 characters')),
  /** `From` of forwarded replies, on a domain SendGrid sends for; default notifications@INBOUND_REPLY_DOMAIN. */
  NOTIFICATIONS_FROM: z.string().email('expected an email address').optional(),
});

const base64Key = z.string().refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, {
  message: 'expected 32 bytes in base64, e.g. openssl rand -base64 32',
});

/** Encryption of Temporal payloads (docs/payload-encryption.md). Read by every service that talks to Temporal. */
export const payloadKeyEnvSchema = z.object({
  /** AES-256 key of workflow inputs, results, signals, memo and summaries in Temporal. Unset: stored in clear. */
  TEMPORAL_PAYLOAD_KEY: optional(base64Key),
  /** During a rotation: the key TEMPORAL_PAYLOAD_KEY replaces; payloads written with it still decode. */
  TEMPORAL_PAYLOAD_KEY_PREVIOUS: optional(base64Key),
});

export type BaseConfig = z.infer<typeof baseEnvSchema>;

/** The key of hashed suppressions: SUPPRESSION_HASH_SECRET, else one derived from REPLY_TOKEN_SECRET. */
export function suppressionHashKey(config: { SUPPRESSION_HASH_SECRET?: string; REPLY_TOKEN_SECRET: string }): string {
  return (
    config.SUPPRESSION_HASH_SECRET ??
    createHmac('sha256', config.REPLY_TOKEN_SECRET).update('suppression-hash-key').digest('hex')
  );
}
