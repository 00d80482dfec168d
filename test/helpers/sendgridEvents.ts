// Signs Event Webhook batches the way SendGrid does: ECDSA P-256 over `timestamp + raw body`,
// SHA-256, DER signature in base64; the verification key is shown as base64 DER (SPKI).
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Test } from 'supertest';
import type request from 'supertest';

export type SigningKey = { publicKey: string; privateKey: KeyObject };

export function newSigningKey(): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), privateKey };
}

export type PostOptions = { key?: KeyObject; timestamp?: number; unsigned?: boolean };

/** POSTs `events` to the Event Webhook, signed with `key` at `timestamp` (now by default). */
export function postEvents(
  agent: ReturnType<typeof request>,
  secret: string,
  key: KeyObject,
  events: unknown,
  options: PostOptions = {},
): Test {
  const payload = JSON.stringify(events);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const req = agent.post(`/webhooks/sendgrid/events/${secret}`).set('Content-Type', 'application/json');
  if (!options.unsigned) {
    const signature = sign('sha256', Buffer.from(timestamp + payload, 'utf8'), options.key ?? key).toString('base64');
    req
      .set('X-Twilio-Email-Event-Webhook-Signature', signature)
      .set('X-Twilio-Email-Event-Webhook-Timestamp', timestamp);
  }
  return req.send(payload);
}

let counter = 0;
/** One event as SendGrid posts it, for a mail recorded by the sink (its id is SendGrid's X-Message-Id). */
export function sendgridEvent(
  event: string,
  mail: { id: string; customArgs: Record<string, string> },
  email: string,
  extra: Record<string, unknown> = {},
) {
  counter++;
  return {
    email,
    timestamp: Math.floor(Date.now() / 1000),
    'smtp-id': `<smtp${counter}@sendgrid.test>`,
    event,
    sg_event_id: `ev-${Date.now().toString(36)}-${counter}`,
    sg_message_id: `${mail.id}.recvd-test-${counter}`,
    ...mail.customArgs,
    ...extra,
  };
}
