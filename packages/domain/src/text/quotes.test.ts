import { evaluateCondition } from '../conditions';
import { withoutQuote } from './quotes';
import type { OutgoingMessage } from '../types';

const TRIGGER = 'here is the quote you requested';

const message = (fields: Partial<OutgoingMessage>): OutgoingMessage => ({
  from: { address: 'alex@seller.test' },
  to: [{ address: 'jane@prospect.test' }],
  cc: [],
  bcc: [],
  subject: 'Re: Your quote',
  origin: 'api',
  ...fields,
});

const quotingReply = [
  'Thanks Jane, I will call you tomorrow.',
  '',
  'On Tue, Dec 1, 2026 at 10:00 AM, Alex Seller <alex@seller.test> wrote:',
  '> Hi Jane, Here is the quote you requested.',
  '> Best, Alex',
].join('\n');

describe('withoutQuote', () => {
  it('keeps what the person wrote and drops the quoted message below it', () => {
    expect(withoutQuote(quotingReply).trim()).toBe('Thanks Jane, I will call you tomorrow.');
  });

  it('leaves a mail without a quote as it is', () => {
    expect(withoutQuote('Hi Jane, Here is the quote you requested.').trim()).toBe(
      'Hi Jane, Here is the quote you requested.',
    );
  });

  it('recognises quote headers in other languages', () => {
    const french =
      'Je vous rappelle demain.\n\nLe mar. 1 déc. 2026 à 10:00, Alex <alex@seller.test> a écrit :\n> Here is the quote you requested.';
    expect(withoutQuote(french).toLowerCase()).not.toContain(TRIGGER);
  });
});

describe('the body_without_quote condition', () => {
  const contains = { field: 'body_without_quote' as const, operator: 'contains' as const, values: [TRIGGER] };

  it('does not see a trigger phrase that is only quoted, where body and content do', () => {
    const msg = message({ text: quotingReply });
    expect(evaluateCondition(contains, msg)).toBe(false);
    expect(evaluateCondition({ ...contains, field: 'body' }, msg)).toBe(true);
    expect(evaluateCondition({ ...contains, field: 'content' }, msg)).toBe(true);
  });

  it('sees it when the person wrote it, in text or in HTML above a blockquote', () => {
    expect(evaluateCondition(contains, message({ text: 'Hi Jane, Here is the quote you requested.' }))).toBe(true);
    const html =
      '<p>Hi Jane, here is the quote you requested.</p><div class="gmail_quote">On Mon, Nov 30, 2026, Jane wrote:<blockquote>Can I get a quote?</blockquote></div>';
    expect(evaluateCondition(contains, message({ html }))).toBe(true);
  });

  it('does not see it in an HTML blockquote', () => {
    const html =
      '<p>Thanks!</p><div class="gmail_quote">On Tue, Dec 1, 2026 at 10:00 AM, Alex wrote:<br><blockquote>Hi Jane, Here is the quote you requested.</blockquote></div>';
    expect(evaluateCondition(contains, message({ html }))).toBe(false);
    expect(evaluateCondition({ ...contains, operator: 'not_contains' }, message({ html }))).toBe(true);
  });
});

describe('withoutQuote keeps sentences that only look like quote marks', () => {
  it.each([
    'Here is what my colleague wrote:\n- price is fine\n- start in March',
    'On Monday I wrote 3 points:\n1. price\n2. start date\n3. seats',
    'Regards to the team, and thanks.\nCheers,\nJo',
    'From: our side, all good.\nTo be confirmed: the start date.',
  ])('%s', (text) => {
    expect(withoutQuote(text)).toBe(text);
  });
});
