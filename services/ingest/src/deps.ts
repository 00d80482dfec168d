import type { Client } from '@temporalio/client';
import type { TemporalCodecServerOptions } from './temporalCodec/codecServer';
import type { Clock } from '@follow-ups/domain';
import type { Mailer } from '@follow-ups/mailer';
import type { RateLimit } from './http/rateLimit';

/** Everything the HTTP app needs; main.ts wires real ones, tests the same real ones on test servers. */
export type AppDeps = {
  temporal: Client;
  taskQueue: string;
  mailer: Mailer;
  /** Domain of reply addresses and Message-IDs we mint. */
  replyDomain: string;
  replyTokenSecret: string;
  /** REPLY_TOKEN_SECRET_PREVIOUS: during a rotation, tokens it signed still verify (see `replySecrets`). */
  replyTokenPreviousSecret?: string;
  /** `From` of forwarded replies; `notifications@<replyDomain>` when absent. */
  notificationsFrom?: string;
  inboundWebhookSecret: string;
  /** Path secret of the Event Webhook URL (EVENT_WEBHOOK_URL_SECRET); the inbound one when absent. */
  eventWebhookUrlSecret?: string;
  /** Optional "user:password" that SendGrid must present on the webhook. */
  inboundWebhookBasicAuth?: string;
  /** Base of the one-click unsubscribe links, PUBLIC_BASE_URL (default http://localhost:3000). */
  publicBaseUrl?: string;
  /** SendGrid's Event Webhook verification key (base64 DER or PEM); unset: every event post is refused. */
  eventWebhookPublicKey?: string;
  /** Oldest signature timestamp accepted, in seconds (default 600). */
  eventWebhookMaxAgeSeconds?: number;
  /** Soft bounces in a row that count as a hard bounce (default 3). */
  softBounceLimit?: number;
  /** Answers whether MongoDB is reachable (health check). */
  pingMongo: () => Promise<boolean>;
  /** Divides rule delays (demos and tests only; 1 in production). */
  delayDivisor?: number;
  /** The clock (tests may pass their own); read through `currentTime(deps)`. */
  now?: Clock;
  /** Hooks may use http / loopback URLs and retry in seconds (tests, demos): `HOOKS_TEST_MODE`. */
  hooksTestMode?: boolean;
  /** Special-purpose CIDRs hook URLs may name anyway (`HOOKS_ALLOWED_PRIVATE_CIDRS`). */
  hooksAllowedPrivateCidrs?: readonly string[];
  /** Requests per client address and per token (RATE_LIMIT_* variables); unset ones take the defaults. */
  rateLimits?: { address?: RateLimit; token?: RateLimit };
  /** The Temporal codec server at /temporal-codec (docs/payload-encryption.md); unset: not served. */
  temporalCodecServer?: TemporalCodecServerOptions;
};

/** The secrets that verify reply, log and unsubscribe tokens: the current one, and the previous during a rotation. */
export function replySecrets(deps: Pick<AppDeps, 'replyTokenSecret' | 'replyTokenPreviousSecret'>): string[] {
  return deps.replyTokenPreviousSecret
    ? [deps.replyTokenSecret, deps.replyTokenPreviousSecret]
    : [deps.replyTokenSecret];
}
