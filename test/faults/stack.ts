// What the fault scenarios share: the test app listening on a port, sink latency, a rule with
// follow-ups, a trigger mail, a reply webhook post, and waiting for sequences to close.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { sequenceWorkflowId } from '@follow-ups/domain';
import type { SentMail } from '@follow-ups/sendgrid-sink';
import { inboundPayload } from '../helpers/inboundPayload';
import { TEST_WEBHOOK_SECRET, type TestApp } from '../helpers/testApp';

export const TRIGGER = 'Here is the quote you requested';
export const SENDER = 'alex@seller.test';

export type Org = { id: string; token: string; auth: { Authorization: string } };

/** The in-process app on a real port, so every scenario talks HTTP the same way. */
export async function listen(testApp: TestApp): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = testApp.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** Every later SendGrid call waits `ms` before the sink records it (0 clears). */
export async function setLatency(sinkUrl: string, ms: number): Promise<void> {
  await fetch(`${sinkUrl}/sink/faults`, { method: 'DELETE' });
  if (ms > 0) {
    const res = await fetch(`${sinkUrl}/sink/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ delayMs: ms, count: 1_000_000 }),
    });
    if (res.status !== 201) throw new Error(`sink refused the fault: ${res.status}`);
  }
}

/** A JSON answer of any route, read like supertest's `body`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { status: number; body: any };

export async function api(baseUrl: string, org: Org, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...org.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}

/** The "Automatic follow ups" rule with one follow-up per delay (minutes, counted from the trigger). */
export async function createFollowUpRule(
  baseUrl: string,
  org: Org,
  delaysMinutes: number[],
  options: { trigger?: string; bodies?: string[] } = {},
): Promise<void> {
  const res = await api(baseUrl, org, 'POST', '/v1/rules/templates/automatic-follow-ups', {
    trigger_phrase: options.trigger ?? TRIGGER,
    senders: [SENDER],
    followups: delaysMinutes.map((amount, i) => ({
      body: options.bodies?.[i] ?? `Follow-up ${i + 1} number ${i + 1}, {{ recipient.first_name | default: 'there' }}.`,
      phrase: `Follow-up ${i + 1} number ${i + 1}`,
      send_after: { amount, unit: 'minutes' },
    })),
  });
  if (res.status !== 201) throw new Error(`rule not created: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Sends the trigger mail to `recipient`; returns the new conversation id. */
export async function trigger(baseUrl: string, org: Org, recipient: string, phrase = TRIGGER): Promise<string> {
  const res = await api(baseUrl, org, 'POST', '/v1/drafts', {
    drafts: {
      subject: `Quote for ${recipient}`,
      body: `<p>Hi, ${phrase}.</p>`,
      from_field: { address: SENDER, name: 'Alex' },
      to_fields: [{ address: recipient, name: 'Jane Doe' }],
      send: true,
    },
  });
  if (res.status !== 201) throw new Error(`trigger not sent: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.drafts.conversation as string;
}

/** The prospect answers the trigger mail (found in the sink by recipient): returns the status and when the answer arrived. */
export async function postReply(
  baseUrl: string,
  mails: SentMail[],
  recipient: string,
): Promise<{ status: number; at: number }> {
  const initial = mails.find((m) => m.to.some((t) => t.email === recipient));
  if (!initial?.replyTo) throw new Error(`no trigger mail to ${recipient} in the sink`);
  const payload = inboundPayload({
    from: { address: recipient, name: 'Jane Doe' },
    to: [initial.replyTo.email],
    subject: `Re: ${initial.subject}`,
    text: 'Thanks, we will sign.',
    inReplyTo: initial.headers['Message-ID'],
    references: [initial.headers['Message-ID']],
  });
  const res = await payload.postTo(baseUrl, TEST_WEBHOOK_SECRET);
  await res.arrayBuffer();
  return { status: res.status, at: Date.now() };
}

/** Waits for each conversation's sequence to close; its final status, or `timeout`. */
export async function waitForSequences(
  client: Client,
  orgId: string,
  conversations: string[],
  timeoutMs: number,
): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  await Promise.all(
    conversations.map(async (conversation) => {
      const handle = client.workflow.getHandle(sequenceWorkflowId(orgId, conversation));
      const result = handle.result().then(
        (r: { status: string }) => r.status,
        (e: Error) => `error: ${e.message}`,
      );
      statuses.set(conversation, await Promise.race([result, timedOut]));
    }),
  );
  clearTimeout(timer);
  return statuses;
}

/** Counts the statuses other than `expected`. */
export const countOther = (statuses: Iterable<string>, expected: (s: string) => boolean) =>
  [...statuses].filter((s) => !expected(s)).length;
