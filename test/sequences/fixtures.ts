import request from 'supertest';
import { TEST_WEBHOOK_SECRET, type TestApp } from '../helpers/testApp';

export const TRIGGER = 'Here is the quote you requested';

/** Creates the template rule with follow-ups at `days` (scaled by the app's delay divisor). */
export async function createTemplateRule(testApp: TestApp, auth: Record<string, string>, days: number[]) {
  const response = await request(testApp.app)
    .post('/v1/rules/templates/automatic-follow-ups')
    .set(auth)
    .send({
      trigger_phrase: TRIGGER,
      senders: ['alex@seller.test'],
      followups: days.map((amount, i) => ({
        body: `Follow-up number ${i + 1} about the quote, {{ recipient.first_name }}.`,
        phrase: `Follow-up number ${i + 1}`,
        send_after: { amount, unit: 'days' },
      })),
    })
    .expect(201);
  return response.body.rules.id as string;
}

/** Sends the trigger email; returns the conversation id. */
export async function sendTrigger(
  testApp: TestApp,
  auth: Record<string, string>,
  to = 'jane@prospect.test',
): Promise<string> {
  const response = await request(testApp.app)
    .post('/v1/drafts')
    .set(auth)
    .send({
      drafts: {
        subject: 'Quote',
        body: `${TRIGGER}.`,
        from_field: { address: 'alex@seller.test' },
        to_fields: [{ address: to, name: 'Jane Doe' }],
        send: true,
      },
    })
    .expect(201);
  return response.body.drafts.conversation;
}

/** The prospect answers the conversation's last outgoing message through the real Inbound Parse webhook. */
export async function playReply(testApp: TestApp, auth: Record<string, string>, conversation: string) {
  const messages = (await request(testApp.app).get(`/v1/conversations/${conversation}/messages`).set(auth).expect(200))
    .body.messages;
  const last = messages.filter((m: { direction: string }) => m.direction === 'outgoing').pop();
  const headers = [
    `From: Jane Doe <jane@prospect.test>`,
    `To: alex@seller.test`,
    `Subject: Re: Quote`,
    `Message-ID: <r.${Date.now()}@prospect.test>`,
    `In-Reply-To: ${last.message_id}`,
    `References: ${last.message_id}`,
  ].join('\n');
  await request(testApp.app)
    .post(`/webhooks/sendgrid/inbound/${TEST_WEBHOOK_SECRET}`)
    .field('headers', headers)
    .field('from', 'Jane Doe <jane@prospect.test>')
    .field('to', 'alex@seller.test')
    .field('subject', 'Re: Quote')
    .field('text', 'Sounds good, let us talk.')
    .field('envelope', JSON.stringify({ to: ['alex@seller.test'], from: 'jane@prospect.test' }))
    .expect(200);
}
