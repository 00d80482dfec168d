import {
  isUnsubscribeAddress,
  parseUnsubscribeLinkToken,
  unsubscribeHeaders,
  unsubscribeLinks,
  unsubscribeLinkToken,
  unsubscribeMailAddress,
  unsubscribeUrl,
  verifyUnsubscribeMail,
} from './unsubscribe';

const ORG = '65f0a1b2c3d4e5f601234567';
const OTHER_ORG = '65f0a1b2c3d4e5f601234568';
const SECRET = 'unsubscribe-test-secret';
const config = { publicBaseUrl: 'https://fu.example.com/', replyDomain: 'reply.example.com', secret: SECRET };

describe('unsubscribe link tokens', () => {
  it('round-trip to the organization and the lowercased address', () => {
    const token = unsubscribeLinkToken(ORG, 'Jane.Doe+x@Prospect.example', SECRET);
    expect(parseUnsubscribeLinkToken(token, SECRET)).toEqual({
      organizationId: ORG,
      address: 'jane.doe+x@prospect.example',
    });
  });

  it('cannot be re-pointed at another address or organization, nor verified with another secret', () => {
    const [org, , hmac] = unsubscribeLinkToken(ORG, 'jane@prospect.example', SECRET).split('.');
    const otherAddress = Buffer.from('bob@prospect.example').toString('base64url');
    expect(parseUnsubscribeLinkToken(`${org}.${otherAddress}.${hmac}`, SECRET)).toBeNull();
    const [, address] = unsubscribeLinkToken(ORG, 'jane@prospect.example', SECRET).split('.');
    expect(parseUnsubscribeLinkToken(`${OTHER_ORG}.${address}.${hmac}`, SECRET)).toBeNull();
    expect(
      parseUnsubscribeLinkToken(unsubscribeLinkToken(ORG, 'jane@prospect.example', SECRET), 'another-secret'),
    ).toBeNull();
    for (const junk of ['', 'a.b.c', `${ORG}..${hmac}`, `${ORG}.!!.${hmac}`])
      expect(parseUnsubscribeLinkToken(junk, SECRET)).toBeNull();
  });
});

describe('unsubscribe mail addresses', () => {
  it('fit a mail local part and verify only against the address they were made for', () => {
    const to = unsubscribeMailAddress(ORG, 'Jane@Prospect.example', config);
    expect(to.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(isUnsubscribeAddress(`Unsubscribe <${to.toUpperCase()}>`)).toBe(true);
    expect(verifyUnsubscribeMail(to, 'Jane Doe <jane@prospect.example>', SECRET)).toEqual({
      organizationId: ORG,
      address: 'jane@prospect.example',
    });
    expect(verifyUnsubscribeMail(to.toUpperCase(), 'jane@prospect.example', SECRET)).toEqual({
      organizationId: ORG,
      address: 'jane@prospect.example',
    });
    expect(verifyUnsubscribeMail(to, 'mallory@evil.example', SECRET)).toBeNull();
    expect(isUnsubscribeAddress('reply+abc.def@reply.example.com')).toBe(false);
  });
});

describe('unsubscribeHeaders', () => {
  it('lists the HTTPS link first, then the mailto, with the RFC 8058 one-click marker', () => {
    const headers = unsubscribeHeaders(ORG, 'jane@prospect.example', config);
    expect(headers['List-Unsubscribe']).toMatch(
      /^<https:\/\/fu\.example\.com\/u\/[^>]+>, <mailto:unsubscribe\+[0-9a-f.]+@reply\.example\.com>$/,
    );
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('carry the link and the mail address each made on its own (one signature for both)', () => {
    const { url, headers } = unsubscribeLinks(ORG, 'Jane@Prospect.example', config);
    expect(url).toBe(unsubscribeUrl(ORG, 'Jane@Prospect.example', config));
    expect(headers['List-Unsubscribe']).toBe(
      `<${url}>, <mailto:${unsubscribeMailAddress(ORG, 'Jane@Prospect.example', config)}>`,
    );
    expect(parseUnsubscribeLinkToken(url.split('/u/')[1]!, SECRET)).toEqual({
      organizationId: ORG,
      address: 'jane@prospect.example',
    });
  });
});
