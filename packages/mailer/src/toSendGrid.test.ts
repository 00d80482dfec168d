import { PermanentMailError } from './errors';
import { toSendGridMail } from './toSendGrid';
import type { OutgoingMail } from './types';

const mail: OutgoingMail = {
  from: { address: 'ana@seller.example', name: 'Ana' },
  to: [{ address: 'bob@prospect.example', name: 'Bob' }],
  cc: [{ address: 'carol@prospect.example' }],
  bcc: [],
  replyTo: { address: 'r+tok@reply.example', name: 'Ana' },
  subject: 'Re: your quote',
  text: 'Hi Bob',
  messageId: '<f1@seller.example>',
  inReplyTo: '<q0@seller.example>',
  references: ['<q0@seller.example>'],
  customArgs: { draft_id: 'd1' },
};

describe('toSendGridMail', () => {
  it('maps addresses, threading headers, reply-to and custom args', () => {
    expect(toSendGridMail(mail)).toEqual({
      from: { email: 'ana@seller.example', name: 'Ana' },
      to: [{ email: 'bob@prospect.example', name: 'Bob' }],
      cc: [{ email: 'carol@prospect.example' }],
      bcc: [],
      replyTo: { email: 'r+tok@reply.example', name: 'Ana' },
      subject: 'Re: your quote',
      text: 'Hi Bob',
      headers: {
        'Message-ID': '<f1@seller.example>',
        'In-Reply-To': '<q0@seller.example>',
        References: '<q0@seller.example>',
      },
      customArgs: { draft_id: 'd1' },
    });
  });

  it('adds extra headers such as List-Unsubscribe, refuses ones that could inject a line', () => {
    const listUnsubscribe = {
      'List-Unsubscribe': '<https://fu.example/u/t>, <mailto:unsubscribe+t@reply.example>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    };
    expect(toSendGridMail({ ...mail, headers: { ...listUnsubscribe, 'Message-ID': '<spoofed@x>' } }).headers).toEqual({
      ...listUnsubscribe,
      'Message-ID': '<f1@seller.example>',
      'In-Reply-To': '<q0@seller.example>',
      References: '<q0@seller.example>',
    });
    expect(() => toSendGridMail({ ...mail, headers: { 'X-Note': 'a\r\nBcc: eve@evil.example' } })).toThrow(
      PermanentMailError,
    );
    expect(() => toSendGridMail({ ...mail, headers: { 'Bad Name': 'x' } })).toThrow(PermanentMailError);
  });

  it('drops recipients repeated across to, cc and bcc (SendGrid refuses them)', () => {
    const out = toSendGridMail({
      ...mail,
      to: [{ address: 'bob@prospect.example' }, { address: 'BOB@prospect.example' }],
      cc: [{ address: 'Bob@Prospect.example' }, { address: 'carol@prospect.example' }],
      bcc: [{ address: 'carol@prospect.example' }, { address: 'dan@seller.example' }],
    });
    expect([out.to, out.cc, out.bcc]).toEqual([
      [{ email: 'bob@prospect.example' }],
      [{ email: 'carol@prospect.example' }],
      [{ email: 'dan@seller.example' }],
    ]);
  });

  it('joins References with spaces, defaults them to In-Reply-To, and drops malformed foreign ids', () => {
    expect(
      toSendGridMail({ ...mail, references: ['<a@x>', 'not-an-id', '<b c@x>', '<CAF=1+x@mail.example>'] }).headers,
    ).toEqual({
      'Message-ID': '<f1@seller.example>',
      'In-Reply-To': '<q0@seller.example>',
      References: '<a@x> <CAF=1+x@mail.example>',
    });
    expect(toSendGridMail({ ...mail, references: undefined }).headers?.References).toBe('<q0@seller.example>');
    expect(toSendGridMail({ ...mail, inReplyTo: undefined, references: [] }).headers).toEqual({
      'Message-ID': '<f1@seller.example>',
    });
  });

  it('sends html next to text when given, and omits empty custom args', () => {
    const out = toSendGridMail({ ...mail, html: '<p>Hi Bob</p>', customArgs: {} });
    expect(out).toMatchObject({ text: 'Hi Bob', html: '<p>Hi Bob</p>' });
    expect(out).not.toHaveProperty('customArgs');
  });

  it.each<[string, Partial<OutgoingMail>]>([
    ['no recipient', { to: [] }],
    ['an invalid address', { to: [{ address: 'bob' }] }],
    ['an empty subject', { subject: '  ' }],
    ['an empty text', { text: '' }],
    ['a Message-ID without brackets', { messageId: 'f1@seller.example' }],
    ['a Message-ID with a line break', { messageId: '<f1@seller.example>\r\nBcc: x@y.example' }],
  ])('refuses %s with a PermanentMailError before any request', (_case, change) => {
    const attempt = () => toSendGridMail({ ...mail, ...change });
    expect(attempt).toThrow(PermanentMailError);
    expect(attempt).toThrow(expect.objectContaining({ status: undefined, retryable: false }));
  });
});
