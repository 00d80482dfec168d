// One POST to a hook, made to the address that was checked: the name is resolved once, every
// address it resolves to must pass the policy, and the socket connects to the first of them
// (a custom `lookup` answers with it), so a DNS answer that changes between check and connect
// (rebinding) is never followed. No redirects are followed; the answer's body is not read.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { classifyDeliveryError, RefusedAddressError } from './deliveryErrors';
import { hookHost, type HookUrlOptions } from './hookUrl';
import { addressAllowed } from './specialAddresses';

export type ResolvedAddress = { address: string; family: number };
/** How names are resolved (`dns.lookup` with `all: true`); tests may count or steer the answers. */
export type Resolve = (host: string) => Promise<ResolvedAddress[]>;

export type HookRequest = {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  policy: HookUrlOptions;
  resolve?: Resolve;
};

/** `statusCode` of the answer; `error` a class (`deliveryErrors.ts`) or `HTTP <status>` when it failed. */
export type HookResponse = { statusCode?: number; error?: string };

const systemResolve: Resolve = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/** Resolves the URL's host and checks every address; throws `RefusedAddressError` when one is refused. */
export async function checkedAddress(
  url: URL,
  policy: HookUrlOptions,
  resolve: Resolve = systemResolve,
): Promise<ResolvedAddress> {
  const host = hookHost(url);
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  const first = addresses[0];
  if (!first) throw Object.assign(new Error('no address'), { code: 'ENOTFOUND' });
  if (!policy.allowInsecure && addresses.some((a) => !addressAllowed(a.address, policy.allowedPrivate)))
    throw new RefusedAddressError();
  return first;
}

/** A `lookup` that answers every query with the one address already checked. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: ResolvedAddress[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}

/** POSTs `body`; never throws: a failure comes back as its class. */
export async function postToHook(request: HookRequest): Promise<HookResponse> {
  const url = new URL(request.url);
  const signal = AbortSignal.timeout(request.timeoutMs);
  try {
    const pinned = await checkedAddress(url, request.policy, request.resolve);
    const statusCode = await send(url, pinned, request, signal);
    return statusCode >= 200 && statusCode < 300 ? { statusCode } : { statusCode, error: `HTTP ${statusCode}` };
  } catch (error) {
    return { error: signal.aborted ? 'timeout' : classifyDeliveryError(error) };
  }
}

function send(url: URL, pinned: ResolvedAddress, request: HookRequest, signal: AbortSignal): Promise<number> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        lookup: pinnedLookup(pinned),
        agent: false, // a fresh connection: a pooled socket could be to an address checked for another name
        signal,
      },
      (res) => {
        res.resume(); // the body is not read: drain and close
        res.destroy();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}
