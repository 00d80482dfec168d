// Shared setup of the draft tests: request builders, document counts, a long-lived worker, replies.
import request from 'supertest';
import { Conversation, Draft, Message } from '@follow-ups/db';
import { inboundPayload } from '../helpers/inboundPayload';
import { TEST_WEBHOOK_SECRET, type TestApp } from '../helpers/testApp';

export type Org = Awaited<ReturnType<TestApp['newOrganization']>>;
export type ApiDraft = {
  id: string;
  conversation: string;
  status: string;
  kind: string;
  send_at?: number | null;
  sent_at?: number | null;
  message?: string | null;
  reason?: string | null;
  auto_followup?: boolean;
};

export const SENDER = { address: 'alex@seller.test', name: 'Alex Seller' };
export const PROSPECT = { address: 'jane@prospect.test', name: 'Jane Doe' };

/** A valid `drafts` object (sent now) with the given fields changed; `undefined` removes a field. */
export function draft(fields: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    subject: 'Your quote',
    body: 'Hi Jane, here is the quote.',
    from_field: SENDER,
    to_fields: [PROSPECT],
    send: true,
    ...fields,
  };
  for (const key of Object.keys(base)) if (base[key] === undefined) delete base[key];
  return base;
}

/** Unix seconds `seconds` from now. */
export const inSeconds = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const postDraft = (testApp: TestApp, org: Org, fields: Record<string, unknown>) =>
  request(testApp.app)
    .post('/v1/drafts')
    .set(org.auth)
    .send({ drafts: draft(fields) });

export async function draftsOf(testApp: TestApp, org: Org, conversation: string): Promise<ApiDraft[]> {
  const res = await request(testApp.app).get(`/v1/conversations/${conversation}/drafts`).set(org.auth).expect(200);
  return res.body.drafts;
}

export async function messagesOf(
  testApp: TestApp,
  org: Org,
  conversation: string,
): Promise<{ origin: string; subject: string; message_id: string; direction: string }[]> {
  const res = await request(testApp.app).get(`/v1/conversations/${conversation}/messages`).set(org.auth).expect(200);
  return res.body.messages;
}

/** What a request may have written: documents of every organization, and mail handed to SendGrid. */
export async function footprint(testApp: TestApp) {
  const [conversations, messages, drafts] = await Promise.all([
    Conversation.countDocuments({}),
    Message.countDocuments({}),
    Draft.countDocuments({}),
  ]);
  return { conversations, messages, drafts, mails: testApp.sink.list().length };
}

/** Mails the sink received with this subject. */
export const mailsWithSubject = (testApp: TestApp, subject: string) =>
  testApp.sink.list().filter((m) => m.subject === subject);

/**
 * The prospect answers the conversation's last outgoing message: a SendGrid Inbound Parse post to
 * the conversation's reply address, In-Reply-To that message's Message-ID.
 */
export async function replyToConversation(testApp: TestApp, org: Org, conversation: string, replyAddress: string) {
  const outgoing = (await messagesOf(testApp, org, conversation)).filter((m) => m.direction === 'outgoing');
  const last = outgoing[outgoing.length - 1];
  await inboundPayload({
    from: PROSPECT,
    to: [replyAddress],
    subject: `Re: ${last.subject}`,
    text: 'Thanks, let us talk tomorrow.',
    inReplyTo: last.message_id,
    references: outgoing.map((m) => m.message_id),
  })
    .post(request(testApp.app), TEST_WEBHOOK_SECRET)
    .expect(200);
}

export { startWorker, terminateRunning } from '../helpers/backgroundWorker';
