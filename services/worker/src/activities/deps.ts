import type { Clock } from '@follow-ups/domain';
import type { Mailer } from '@follow-ups/mailer';
import type { TemporalTarget } from '@follow-ups/automation';

/** Ports the activities need; main.ts wires the real ones. */
export type ActivityDeps = {
  mailer: Mailer;
  replyDomain: string;
  replyTokenSecret: string;
  /** Where ingest serves `/u/<token>`: follow-ups carry one-click unsubscribe links when set. */
  publicBaseUrl?: string;
  /** `From` of forwarded replies; `notifications@<replyDomain>` when absent. */
  notificationsFrom?: string;
  /** Needed by scheduled sends, which run the outgoing rules and may start a sequence. */
  temporal?: TemporalTarget;
  /** Divides rule delays (demos and tests only; 1 in production). */
  delayDivisor?: number;
  /** The clock (tests may pass their own); read through `currentTime(deps)`. */
  now?: Clock;
  /** How long an `unknown` delivery waits for SendGrid's events before it is resent once; 0 or unset: never resent. */
  unknownResendAfterMs?: number;
  /** Event deliveries retried in seconds (tests, demos): `HOOKS_TEST_MODE`. */
  hooksTestMode?: boolean;
  /** Special-purpose CIDRs hooks may reach anyway (`HOOKS_ALLOWED_PRIVATE_CIDRS`). */
  hooksAllowedPrivateCidrs?: readonly string[];
  /** Hook deliveries of one organization under way at once in this process (`HOOKS_MAX_CONCURRENT_PER_ORGANIZATION`). */
  hookDeliveriesPerOrganization?: number;
};
