import type { BlockList } from 'node:net';
import { addressAllowed } from './specialAddresses';

export type HookUrlOptions = {
  /** Test mode (`HOOKS_TEST_MODE`): http and loopback / private hosts are allowed (a receiver started by a test). */
  allowInsecure?: boolean;
  /** Special-purpose addresses the operator allows (`HOOKS_ALLOWED_PRIVATE_CIDRS`, on-premise integrations). */
  allowedPrivate?: BlockList;
};

/** The host of a parsed URL as an address or a name: no IPv6 brackets, no trailing root dot, lower case. */
export function hookHost(url: URL): string {
  return url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

const isLocalName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/**
 * Why `raw` cannot be a hook URL, or null when it can: https only, no credentials, and no host
 * that names this machine or a special-purpose network by name or literal address, in any
 * spelling (the WHATWG parser turns `0x7f.1`, `2130706433` and `0177.0.0.1` into 127.0.0.1).
 * Names are resolved and checked again at each delivery (`hookRequest.ts`).
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
  const host = hookHost(url);
  const literal = /^[\d.]+$/.test(host) || host.includes(':');
  const local = isLocalName(host) || (literal && !addressAllowed(host, options.allowedPrivate));
  return local ? 'must not point to this machine or a private network' : null;
}
