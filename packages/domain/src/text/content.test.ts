import { bodyText, messageContent } from './content';
import { htmlToPlainText } from './htmlToText';
import type { OutgoingMessage } from '../types';

const msg = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  from: { address: 'sam@acme.com', name: 'Sam Seller' },
  to: [{ address: 'pat@prospect.io', name: 'Pat Prospect' }],
  cc: [],
  bcc: [],
  subject: 'Your quote',
  origin: 'api',
  ...over,
});

describe('htmlToPlainText', () => {
  it('keeps link text without the href and does not wrap long lines', () => {
    const long = 'word '.repeat(40).trim();
    const out = htmlToPlainText(`<p>See <a href="https://x.test/q">the quote</a>.</p><p>${long}</p>`);
    expect(out).toBe(`See the quote.\n\n${long}`);
  });

  it('keeps heading case and drops images', () => {
    expect(htmlToPlainText('<h1>Quote</h1><img src="x.png" alt="logo">')).toBe('Quote');
  });

  it('includes quoted text', () => {
    expect(htmlToPlainText('<p>Thanks</p><blockquote>Here is the quote</blockquote>')).toContain('Here is the quote');
  });
});

describe('bodyText', () => {
  it('prefers a non-empty text part', () => {
    expect(bodyText({ text: 'plain', html: '<b>rich</b>' })).toBe('plain');
  });

  it('falls back to stripped html when text is missing or blank', () => {
    expect(bodyText({ html: '<b>rich</b>' })).toBe('rich');
    expect(bodyText({ text: '  \n', html: '<b>rich</b>' })).toBe('rich');
  });

  it('is empty when there is no body', () => {
    expect(bodyText({})).toBe('');
  });
});

describe('messageContent', () => {
  it('joins from, to, cc, bcc, subject and body with newlines', () => {
    const content = messageContent(
      msg({
        cc: [{ address: 'boss@prospect.io' }],
        bcc: [{ address: 'crm@acme.com', name: 'CRM' }, { address: 'log@acme.com' }],
        html: '<p>Here is the quote you requested</p>',
      }),
    );
    expect(content).toBe(
      [
        'Sam Seller <sam@acme.com>',
        'Pat Prospect <pat@prospect.io>',
        'boss@prospect.io',
        'CRM <crm@acme.com>, log@acme.com',
        'Your quote',
        'Here is the quote you requested',
      ].join('\n'),
    );
  });

  it('leaves out empty parts', () => {
    expect(messageContent(msg({ from: { address: 'a@b.co' }, to: [], subject: '' }))).toBe('a@b.co');
  });
});
