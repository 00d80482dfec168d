// What the command-count tests send: the "Automatic follow ups" template rule for Alex, and Alex's
// quote email that matches it (one sequence with three follow-ups per prospect).
import request from 'supertest';
import type { TestApp } from '../helpers/testApp';

export const TRIGGER = 'Here is the quote you requested';
export const SENDER = { address: 'alex@seller.test', name: 'Alex Seller' };
type Org = { auth: { Authorization: string } };

/** Creates the template rule for `SENDER`; returns its id. */
export async function addQuoteRule(testApp: TestApp, org: Org, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await request(testApp.app)
    .post('/v1/rules/templates/automatic-follow-ups')
    .set(org.auth)
    .send({ trigger_phrase: TRIGGER, senders: [SENDER.address], ...extra })
    .expect(201);
  return res.body.rules.id;
}

/** `POST /v1/drafts` (send: true) of the quote to `to`; the test checks the answer. */
export const sendQuote = (testApp: TestApp, org: Org, to: { address: string; name?: string }, subject = 'Your quote') =>
  request(testApp.app)
    .post('/v1/drafts')
    .set(org.auth)
    .send({
      drafts: {
        subject,
        body: `<p>Hi Pat,</p><p>${TRIGGER}: 12 seats, $4,800/yr.</p>`,
        from_field: SENDER,
        to_fields: [to],
        send: true,
      },
    });
