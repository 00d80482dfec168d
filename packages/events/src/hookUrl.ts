import { BlockList, isIP } from 'node:net';

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
// IPv4-mapped IPv6 hosts (::ffff:127.0.0.1) are checked against the IPv4 ranges by BlockList itself.
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

export type HookUrlOptions = {
  /** Test mode: http and loopback / private hosts are allowed (a receiver started by a test). */
  allowInsecure?: boolean;
};

/**
 * Why `raw` cannot be a hook URL, or null when it can: https only, no credentials, and no host
 * that names this machine or a private network by literal address (a tenant must not make the
 * server call its own neighbours). Outside test mode.
 */
export function hookUrlProblem(raw: string, options: HookUrlOptions = {}): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.username || url.password) return 'must not contain credentials';
  if (url.protocol !== 'https:' && !(options.allowInsecure && url.protocol === 'http:')) return 'must use https';
  if (options.allowInsecure) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(host);
  const local = host === 'localhost' || host.endsWith('.localhost') || (family !== 0 && PRIVATE.check(host, family === 4 ? 'ipv4' : 'ipv6'));
  return local ? 'must not point to this machine or a private network' : null;
}
