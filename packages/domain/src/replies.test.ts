import { createHmac } from 'node:crypto';
import { extractMessageIds, isAutoReply, parseReplyToken, replyAddress, replyToken } from './replies';

describe('isAutoReply', () => {
  it('is false for a person’s reply', () => {
    expect(isAutoReply({ Subject: 'Re: quote', 'Auto-Submitted': 'no', Precedence: undefined })).toBe(false);
    expect(isAutoReply({})).toBe(false);
  });

  it('follows RFC 3834 Auto-Submitted, with parameters and any case', () => {
    expect(isAutoReply({ 'Auto-Submitted': 'auto-replied' })).toBe(true);
    expect(isAutoReply({ 'auto-submitted': 'Auto-Generated; owner-email="x@y.z"' })).toBe(true);
    expect(isAutoReply({ 'AUTO-SUBMITTED': ' No ' })).toBe(false);
  });

  it('detects X-Autoreply and X-Autorespond by presence', () => {
    expect(isAutoReply({ 'X-Autoreply': 'yes' })).toBe(true);
    expect(isAutoReply({ 'x-autorespond': '' })).toBe(true);
  });

  it('detects bulk, junk, list and auto_reply precedence only', () => {
    for (const value of ['bulk', 'JUNK', ' list ', 'auto_reply']) {
      expect(isAutoReply({ Precedence: value })).toBe(true);
    }
    expect(isAutoReply({ Precedence: 'first-class' })).toBe(false);
  });
});

describe('extractMessageIds', () => {
  it('returns bracketed ids in order without duplicates', () => {
    expect(extractMessageIds('<a@x.com>\r\n <b.c@y.org> <a@x.com>')).toEqual(['<a@x.com>', '<b.c@y.org>']);
  });

  it('handles missing or id-less values', () => {
    expect(extractMessageIds(undefined)).toEqual([]);
    expect(extractMessageIds('no ids here')).toEqual([]);
  });
});

describe('reply tokens', () => {
  const secret = 's3cret';
  const id = '65f1c0ffee0000000000abcd';
  const token = replyToken(id, secret);

  it('is the id and the first 16 hex chars of HMAC-SHA256(secret, id)', () => {
    const hmac = createHmac('sha256', secret).update(id).digest('hex').slice(0, 16);
    expect(token).toBe(`${id}.${hmac}`);
    expect(replyAddress(token, 'in.acme.com')).toBe(`reply+${id}.${hmac}@in.acme.com`);
  });

  it('round-trips through the reply address, with a display name too', () => {
    const address = replyAddress(token, 'in.acme.com');
    expect(parseReplyToken(address, secret)).toBe(id);
    expect(parseReplyToken(`"Acme Sales" <${address}>`, secret)).toBe(id);
  });

  it('matches "reply+" and the hex HMAC in any case', () => {
    const [conversationId, hmac] = token.split('.');
    expect(parseReplyToken(`REPLY+${conversationId}.${hmac.toUpperCase()}@x.com`, secret)).toBe(id);
  });

  it('rejects forged, truncated or foreign addresses', () => {
    const hmac = token.split('.')[1];
    expect(parseReplyToken(replyAddress(token, 'x.com'), 'other-secret')).toBeNull();
    expect(parseReplyToken(`reply+65f1c0ffee0000000000abce.${hmac}@x.com`, secret)).toBeNull();
    expect(parseReplyToken(`reply+${id}.${hmac.slice(0, 15)}@x.com`, secret)).toBeNull();
    expect(parseReplyToken(`reply+${id}@x.com`, secret)).toBeNull();
    expect(parseReplyToken(`sales+${token}@x.com`, secret)).toBeNull();
    expect(parseReplyToken('not an address', secret)).toBeNull();
  });

  it('refuses ids that cannot live in an address, and an empty secret', () => {
    expect(() => replyToken('a.b', secret)).toThrow(/cannot be used/);
    expect(() => replyToken('a@b', secret)).toThrow(/cannot be used/);
    expect(() => replyToken(id, '')).toThrow(/secret/);
  });
});
