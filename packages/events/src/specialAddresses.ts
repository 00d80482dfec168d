// Addresses a hook must never reach: every IANA special-purpose block (IPv4 and IPv6 registries)
// plus multicast and reserved space, so that a tenant cannot make the server call its neighbours.
import { BlockList, isIP } from 'node:net';

/** IANA IPv4 Special-Purpose Address Registry, multicast and the reserved 240/4. */
const IPV4_BLOCKS: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.31.196.0', 24], // AS112
  ['192.52.193.0', 24], // AMT
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['192.175.48.0', 24], // direct delegation AS112
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the limited broadcast 255.255.255.255
];

/** IANA IPv6 Special-Purpose Address Registry, the deprecated site-local block and multicast. */
const IPV6_BLOCKS: [string, number][] = [
  // IPv4-mapped addresses (::ffff:a.b.c.d) are checked by BlockList against the IPv4 blocks above.
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible addresses (::a.b.c.d)
  ['64:ff9b::', 96], // NAT64 well-known prefix
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, …)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds any IPv4 address
  ['3fff::', 20], // documentation
  ['5f00::', 16], // segment routing SIDs
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed by some stacks)
  ['ff00::', 8], // multicast
];

const SPECIAL = new BlockList();
for (const [net, prefix] of IPV4_BLOCKS) SPECIAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of IPV6_BLOCKS) SPECIAL.addSubnet(net, prefix, 'ipv6');

const familyOf = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** True for an IP address (either family, any IPv6 spelling) in a special-purpose block. */
export function isSpecialPurpose(address: string): boolean {
  if (isIP(address) === 0) return true; // not an address at all: never connect to it
  return SPECIAL.check(address, familyOf(address));
}

/** The operator's allow-list (`HOOKS_ALLOWED_PRIVATE_CIDRS`): CIDRs like `10.20.0.0/16` or `fd00:1::/64`. */
export function cidrList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net = '', prefix = ''] = cidr.split('/');
    list.addSubnet(net, Number(prefix), familyOf(net));
  }
  return list;
}

/** True when `address` may be reached: not special-purpose, or inside the operator's allow-list. */
export function addressAllowed(address: string, allowed?: BlockList): boolean {
  if (!isSpecialPurpose(address)) return true;
  return isIP(address) !== 0 && allowed !== undefined && allowed.check(address, familyOf(address));
}
