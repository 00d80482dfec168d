import { addressAllowed, cidrList, isSpecialPurpose } from './specialAddresses';
import { hookHost, hookUrlProblem } from './hookUrl';

/** Each host as a tenant could spell it in a hook URL, and the address the URL parser makes of it. */
const REFUSED: [string, string][] = [
  ['127.0.0.1', 'loopback'],
  ['0x7f.1', 'loopback, hexadecimal and short'],
  ['2130706433', 'loopback, one decimal number'],
  ['0177.0.0.1', 'loopback, octal'],
  ['127.1', 'loopback, short'],
  ['0.0.0.0', 'this host'],
  ['10.1.2.3', 'private'],
  ['172.31.255.1', 'private'],
  ['192.168.0.1', 'private'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['169.254.169.254', 'link-local (cloud metadata)'],
  ['192.0.0.8', 'IETF protocol assignments'],
  ['192.0.2.1', 'documentation'],
  ['192.88.99.1', '6to4 relay'],
  ['198.18.0.1', 'benchmarking'],
  ['198.19.255.254', 'benchmarking, upper half'],
  ['198.51.100.7', 'documentation'],
  ['203.0.113.9', 'documentation'],
  ['224.0.0.251', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'broadcast'],
  ['[::]', 'unspecified v6'],
  ['[::1]', 'loopback v6'],
  ['[::ffff:127.0.0.1]', 'IPv4-mapped loopback'],
  ['[::ffff:7f00:1]', 'IPv4-mapped loopback, hex'],
  ['[::ffff:10.0.0.1]', 'IPv4-mapped private'],
  ['[::127.0.0.1]', 'IPv4-compatible loopback'],
  ['[::a00:1]', 'IPv4-compatible private'],
  ['[64:ff9b::7f00:1]', 'NAT64 of loopback'],
  ['[64:ff9b::808:808]', 'NAT64 of a public address (still a translator)'],
  ['[64:ff9b:1::1]', 'local-use NAT64'],
  ['[2002:7f00:1::]', '6to4 of loopback'],
  ['[2002:0a00:0001::1]', '6to4 of private'],
  ['[2001::1]', 'Teredo'],
  ['[2001:db8::1]', 'documentation v6'],
  ['[fc00::1]', 'unique local'],
  ['[fd12:3456::1]', 'unique local'],
  ['[fe80::1]', 'link-local v6'],
  ['[fec0::1]', 'site-local'],
  ['[ff02::1]', 'multicast v6'],
  ['[100::1]', 'discard-only'],
  ['localhost', 'local name'],
  ['localhost.', 'local name with the root dot'],
  ['LOCALHOST', 'local name, upper case'],
  ['api.localhost', 'local subdomain'],
];

describe('special-purpose addresses in hook URLs', () => {
  it.each(REFUSED)('refuses https://%s/ (%s)', (host) => {
    expect(hookUrlProblem(`https://${host}/hook`)).toContain('private network');
  });

  it.each(REFUSED.filter(([host]) => !/localhost/i.test(host)))('the address of %s is special-purpose', (host) => {
    expect(isSpecialPurpose(hookHost(new URL(`https://${host}/`)))).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '1.1.1.1',
    '[2606:4700::1111]',
    '[2a00:1450:4001::200e]',
    '[::ffff:8.8.8.8]',
    '172.32.0.1',
    '198.20.0.1',
  ])('accepts the public address %s', (host) => {
    expect(hookUrlProblem(`https://${host}/hook`)).toBeNull();
    expect(isSpecialPurpose(hookHost(new URL(`https://${host}/`)))).toBe(false);
  });

  it('a name that is not an address is never treated as an allowed address', () => {
    expect(isSpecialPurpose('crm.example.com')).toBe(true);
    expect(addressAllowed('crm.example.com', cidrList(['0.0.0.0/0']))).toBe(false);
  });

  it("the operator's allow-list lets its networks through, and only those", () => {
    const allowed = cidrList(['10.20.0.0/16', 'fd00:1::/64']);
    expect(addressAllowed('10.20.3.4', allowed)).toBe(true);
    expect(addressAllowed('10.21.3.4', allowed)).toBe(false);
    expect(addressAllowed('fd00:1::5', allowed)).toBe(true);
    expect(addressAllowed('fd00:2::5', allowed)).toBe(false);
    expect(addressAllowed('127.0.0.1', allowed)).toBe(false);
    expect(hookUrlProblem('https://10.20.3.4/hook', { allowedPrivate: allowed })).toBeNull();
    expect(hookUrlProblem('https://10.21.3.4/hook', { allowedPrivate: allowed })).toContain('private network');
    expect(hookUrlProblem('http://10.20.3.4/hook', { allowedPrivate: allowed })).toContain('https');
  });
});
