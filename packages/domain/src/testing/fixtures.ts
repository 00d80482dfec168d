// Test fixtures shared by the unit tests (not exported from the package).
import type { OutgoingMessage, RuleCondition } from '../types';

/** The initial email of the Missive example: a quote sent by Sam to Pat. */
export const quoteEmail = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  from: { address: 'Sam@Acme.com', name: 'Sam Seller' },
  to: [{ address: 'pat@prospect.io', name: 'Pat Prospect' }],
  cc: [],
  bcc: [{ address: 'archive@acme.com' }],
  subject: 'Quote #42',
  text: 'Hi Pat,\nHere is the quote you requested.\nSam',
  origin: 'api',
  teamId: 'team-sales',
  ...over,
});

export const condition = (
  field: RuleCondition['field'],
  operator: RuleCondition['operator'],
  ...values: string[]
): RuleCondition => ({
  field,
  operator,
  values,
});
