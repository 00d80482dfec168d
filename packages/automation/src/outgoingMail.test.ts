import { outgoingMail } from './outgoingMail';

const context = { replyDomain: 'reply.acme.test', replyTokenSecret: 'a-reply-token-secret' };

describe('outgoingMail', () => {
  it('strips control characters but tab from the subject and every display name', () => {
    const mail = outgoingMail(context, {
      conversationId: '65f0a1b2c3d4e5f601234567',
      from: { address: 'sam@acme.test', name: 'Sam\r\nBcc: all@acme.test' },
      to: [{ address: 'pat@prospect.test', name: 'Pat\u0000\u001b[2J' }],
      cc: [{ address: 'lee@prospect.test', name: 'Lee\u0085' }],
      subject: 'Re:\tYour quote\u0007\n',
      text: 'Hello\r\nthere',
      messageId: '<m1@reply.acme.test>',
      thread: [],
      copySender: true,
    });
    expect(mail.subject).toBe('Re:\tYour quote ');
    expect([mail.from.name, mail.to[0]?.name, mail.cc[0]?.name, mail.bcc[0]?.name, mail.replyTo?.name]).toEqual([
      'Sam Bcc: all@acme.test',
      'Pat[2J',
      'Lee',
      'Sam Bcc: all@acme.test',
      'Sam Bcc: all@acme.test',
    ]);
    expect(mail.text).toBe('Hello\r\nthere'); // bodies keep their line breaks
  });
});
