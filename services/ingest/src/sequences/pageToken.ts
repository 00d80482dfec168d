// Page tokens of GET /v1/sequences: Temporal's own token, sealed with an HMAC over the query it
// belongs to, so a token that is not ours (or is for other filters) is a quick 400, never a call.
import { createHmac, timingSafeEqual } from 'node:crypto';

const MAC_BYTES = 16;

const mac = (secret: string, query: string, temporalToken: Uint8Array) =>
  createHmac('sha256', createHmac('sha256', secret).update('sequences page token').digest())
    .update(query)
    .update('\0')
    .update(temporalToken)
    .digest()
    .subarray(0, MAC_BYTES);

/** The token handed to the client for the next page of `query`. */
export function sealPageToken(secret: string, query: string, temporalToken: Uint8Array): string {
  return Buffer.concat([mac(secret, query, temporalToken), temporalToken]).toString('base64url');
}

/** Temporal's token inside `token`, or null when `token` was not sealed by us for this `query`. */
export function openPageToken(secret: string, query: string, token: string): Buffer | null {
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length <= MAC_BYTES) return null;
  const temporalToken = bytes.subarray(MAC_BYTES);
  return timingSafeEqual(bytes.subarray(0, MAC_BYTES), mac(secret, query, temporalToken)) ? temporalToken : null;
}
