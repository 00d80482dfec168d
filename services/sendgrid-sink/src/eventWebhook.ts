import { createPrivateKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { SentMail } from './types';

/** Where and how the sink posts its events, like SendGrid's Signed Event Webhook. */
export type EventWebhookConfig = {
  url: string;
  /** The ECDSA P-256 private key whose public half the receiver verifies with. */
  privateKey: KeyObject;
  /** Events are collected this long into one batch (SendGrid: up to 30 s). */
  batchMs?: number;
  /** `delivered` follows `processed` after this long. */
  deliveredAfterMs?: number;
  /** First retry after a failed post; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** A batch is dropped after this long without a 2xx (SendGrid: 24 hours). */
  giveUpAfterMs?: number;
};

export type SinkEvent = Record<string, unknown> & {
  event: string;
  email: string;
  sg_event_id: string;
  sg_message_id: string;
  timestamp: number;
};

type Batch = { events: SinkEvent[]; firstTriedAt: number; attempts: number };

const DEFAULTS = {
  batchMs: 1_000,
  deliveredAfterMs: 500,
  retryMs: 1_000,
  maxRetryMs: 60_000,
  giveUpAfterMs: 24 * 3_600_000,
};

/** The private key from `SINK_EVENT_WEBHOOK_PRIVATE_KEY`: PEM, or base64 of the PKCS#8 DER. */
export function parsePrivateKey(text: string): KeyObject {
  return text.includes('-----BEGIN')
    ? createPrivateKey(text)
    : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
}

/**
 * SendGrid's Event Webhook, emulated: for each accepted mail, a `processed` event per recipient,
 * then `delivered`, posted as a JSON array signed like SendGrid signs (ECDSA P-256 over
 * `timestamp + body`, base64 DER in `X-Twilio-Email-Event-Webhook-Signature`). A post answered
 * with anything but 2xx (or not answered) is retried with backoff, as SendGrid does.
 * `close()` drops what is queued; a retry waiting then never resolves (its timer is cleared).
 */
export class EventWebhookEmitter {
  private config: (EventWebhookConfig & typeof DEFAULTS) | null = null;
  private pending: SinkEvent[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Batches answered 2xx, for inspection. */
  posted = 0;
  /** Posts that failed and were retried. */
  retried = 0;

  configure(config: EventWebhookConfig | null): void {
    this.config = config ? { ...DEFAULTS, ...config } : null;
  }

  get enabled(): boolean {
    return this.config !== null;
  }

  /** The events SendGrid would report for a mail it accepted. */
  mailAccepted(mail: SentMail): void {
    const config = this.config;
    if (!config) return;
    const recipients = [...mail.to, ...mail.cc, ...mail.bcc].map((a) => a.email);
    this.enqueue(recipients.map((email) => eventFor('processed', mail, email)));
    this.later(config.deliveredAfterMs, () =>
      this.enqueue(
        recipients.map((email) =>
          eventFor('delivered', mail, email, { response: '250 2.0.0 OK', ip: '127.0.0.1', tls: 1 }),
        ),
      ),
    );
  }

  /** Stops posting; queued events are dropped. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.pending = [];
    this.config = null;
  }

  private enqueue(events: SinkEvent[]): void {
    if (!this.config || events.length === 0) return;
    this.pending.push(...events);
    this.flushTimer ??= this.later(this.config.batchMs, () => {
      this.flushTimer = null;
      const events = this.pending;
      this.pending = [];
      void this.post({ events, firstTriedAt: Date.now(), attempts: 0 });
    });
  }

  /** Batches go one at a time, each retried until taken: a struggling receiver is not piled on. */
  private post(batch: Batch): Promise<void> {
    this.chain = this.chain.then(() => this.deliver(batch));
    return this.chain;
  }

  private async deliver(batch: Batch): Promise<void> {
    for (;;) {
      const config = this.config;
      if (!config) return;
      batch.attempts++;
      if (await postSigned(config, batch.events)) {
        this.posted++;
        return;
      }
      if (Date.now() - batch.firstTriedAt > config.giveUpAfterMs) return;
      this.retried++;
      await new Promise<void>((resolve) =>
        this.later(Math.min(config.maxRetryMs, config.retryMs * 2 ** (batch.attempts - 1)), resolve),
      );
    }
  }

  private later(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
    return timer;
  }
}

/** True when the receiver answered 2xx. */
async function postSigned(config: EventWebhookConfig, events: SinkEvent[]): Promise<boolean> {
  const body = JSON.stringify(events);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign('sha256', Buffer.from(timestamp + body, 'utf8'), config.privateKey).toString('base64');
  try {
    const res = await fetch(config.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-Twilio-Email-Event-Webhook-Signature': signature,
        'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** One event in SendGrid's shape: custom args at the top level, `sg_message_id` = `<X-Message-Id>.<filter>`. */
function eventFor(event: string, mail: SentMail, email: string, extra: Record<string, unknown> = {}): SinkEvent {
  return {
    ...mail.customArgs,
    email,
    timestamp: Math.floor(Date.now() / 1000),
    'smtp-id': mail.headers['Message-ID'] ?? `<${mail.id}@sink.sendgrid.test>`,
    event,
    ...(mail.categories.length ? { category: mail.categories } : {}),
    sg_event_id: randomBytes(16).toString('base64url'),
    sg_message_id: `${mail.id}.filterdrecv-sink-${randomBytes(4).toString('hex')}-0`,
    ...extra,
  };
}
