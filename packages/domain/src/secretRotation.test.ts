// A rotation of REPLY_TOKEN_SECRET: the new secret signs, and tokens signed with the previous one
// still verify while both are given; once the previous secret is dropped they no longer do.
import { logAddress, parseLogAddress, parseReplyToken, replyAddress, replyToken } from './signedAddresses';
import {
  parseUnsubscribeLinkToken,
  unsubscribeLinkToken,
  unsubscribeMailAddress,
  verifyUnsubscribeMail,
} from './unsubscribe';

const ORG = '65f0a1b2c3d4e5f601234567';
const OLD = 'the-previous-reply-secret';
const NEW = 'the-new-reply-secret-after';
const DURING = [NEW, OLD] as const;

describe('rotating the reply token secret', () => {
  const minted = {
    reply: replyAddress(replyToken(ORG, OLD), 'in.acme.com'),
    log: logAddress(ORG, OLD, 'in.acme.com'),
    link: unsubscribeLinkToken(ORG, 'pat@prospect.io', OLD),
    mail: unsubscribeMailAddress(ORG, 'pat@prospect.io', {
      publicBaseUrl: 'https://x',
      replyDomain: 'in.acme.com',
      secret: OLD,
    }),
  };

  it('accepts what the previous secret signed while both secrets are given', () => {
    expect(parseReplyToken(minted.reply, DURING)).toBe(ORG);
    expect(parseLogAddress(minted.log, DURING)).toBe(ORG);
    expect(parseUnsubscribeLinkToken(minted.link, DURING)).toEqual({ organizationId: ORG, address: 'pat@prospect.io' });
    expect(verifyUnsubscribeMail(minted.mail, 'pat@prospect.io', DURING)?.address).toBe('pat@prospect.io');
  });

  it('accepts what the new secret signs, during and after the rotation', () => {
    const reply = replyAddress(replyToken(ORG, NEW), 'in.acme.com');
    expect(parseReplyToken(reply, DURING)).toBe(ORG);
    expect(parseReplyToken(reply, NEW)).toBe(ORG);
  });

  it('refuses what the previous secret signed once it is dropped, and a token neither signed', () => {
    expect(parseReplyToken(minted.reply, NEW)).toBeNull();
    expect(parseLogAddress(minted.log, NEW)).toBeNull();
    expect(parseUnsubscribeLinkToken(minted.link, NEW)).toBeNull();
    expect(verifyUnsubscribeMail(minted.mail, 'pat@prospect.io', NEW)).toBeNull();
    expect(parseReplyToken(replyAddress(replyToken(ORG, 'some-other-secret'), 'in.acme.com'), DURING)).toBeNull();
  });

  it('ignores an unset previous secret, and refuses no secret at all', () => {
    expect(() => parseReplyToken(minted.reply, [NEW, ''])).not.toThrow();
    expect(() => parseReplyToken(minted.reply, [])).toThrow('must not be empty');
  });
});
