import type { Client } from '@temporalio/client';
import type { Mailer } from '@follow-ups/mailer';

/** Everything the HTTP app needs; main.ts wires real ones, tests the same real ones on test servers. */
export type AppDeps = {
  temporal: Client;
  taskQueue: string;
  mailer: Mailer;
  /** Domain of reply addresses and Message-IDs we mint. */
  replyDomain: string;
  replyTokenSecret: string;
  /** `From` of forwarded replies; `notifications@<replyDomain>` when absent. */
  notificationsFrom?: string;
  inboundWebhookSecret: string;
  /** Optional "user:password" that SendGrid must present on the webhook. */
  inboundWebhookBasicAuth?: string;
  /** Answers whether MongoDB is reachable (health check). */
  pingMongo: () => Promise<boolean>;
  /** Divides rule delays (demos and tests only; 1 in production). */
  delayDivisor?: number;
  now?: () => Date;
};
