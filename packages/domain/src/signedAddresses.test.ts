import { createHmac } from 'node:crypto';
import { logAddress, parseLogAddress, parseReplyToken, replyAddress, replyToken } from './signedAddresses';

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
    const [conversationId, hmac = ''] = token.split('.');
    expect(parseReplyToken(`REPLY+${conversationId}.${hmac.toUpperCase()}@x.com`, secret)).toBe(id);
  });

  it('rejects forged, truncated or foreign addresses', () => {
    const hmac = token.split('.')[1]!;
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

describe('log addresses', () => {
  const secret = 'log-secret-of-sixteen+';
  const org = '6a1f00000000000000000001';

  it('round-trips the organization id, case-insensitively in its fixed parts', () => {
    const address = logAddress(org, secret, 'in.example.com');
    expect(address).toMatch(/^log\+6a1f00000000000000000001\.[0-9a-f]{16}@in\.example\.com$/);
    expect(parseLogAddress(address, secret)).toBe(org);
    expect(
      parseLogAddress(
        `"Sales log" <${address.replace('log+', 'LOG+').toUpperCase().replace(org.toUpperCase(), org)}>`,
        secret,
      ),
    ).toBe(org);
  });

  it('is not interchangeable with a reply address of the same id', () => {
    const reply = replyAddress(replyToken(org, secret), 'in.example.com');
    expect(parseLogAddress(reply.replace('reply+', 'log+'), secret)).toBeNull();
    expect(parseReplyToken(logAddress(org, secret, 'in.example.com').replace('log+', 'reply+'), secret)).toBeNull();
  });

  it('refuses another secret, a forged id and garbage', () => {
    const address = logAddress(org, secret, 'in.example.com');
    expect(parseLogAddress(address, 'another-secret-of-16')).toBeNull();
    expect(parseLogAddress(address.replace(org, '6a1f00000000000000000002'), secret)).toBeNull();
    for (const junk of ['', 'log+@x.test', 'log+.abc@x.test', 'not an address'])
      expect(parseLogAddress(junk, secret)).toBeNull();
  });
});
