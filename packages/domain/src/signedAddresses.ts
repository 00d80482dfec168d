// Addresses on the inbound domain that carry a signed id: `reply+<conversation>.<hmac>@…` (the
// Reply-To of every mail we send) and `log+<organization>.<hmac>@…` (an organization's log address).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseAddress } from './addresses';

const TOKEN_HMAC_LENGTH = 16;
// Ids go into an email local part and must survive case-insensitive handling of its fixed parts.
const ID = /^[A-Za-z0-9_-]+$/;

type Kind = 'reply' | 'log';

/**
 * What verifies a signed token: the secret, or during a rotation of REPLY_TOKEN_SECRET the new and
 * the previous one (tokens are always signed with the first, so mail sent before the rotation still
 * verifies until the previous secret is removed).
 */
export type VerifyingSecrets = string | readonly string[];

export function secretList(secrets: VerifyingSecrets): readonly string[] {
  const list = typeof secrets === 'string' ? [secrets] : secrets.filter(Boolean);
  if (!list.length || list.some((secret) => !secret)) throw new Error('Reply token secret must not be empty');
  return list;
}

/** Reply tokens sign the bare id (their historical form); other kinds sign `kind:id`. */
function tokenHmac(kind: Kind, id: string, secret: string): string {
  if (!secret) throw new Error('Reply token secret must not be empty');
  const hex = createHmac('sha256', secret)
    .update(kind === 'reply' ? id : `${kind}:${id}`)
    .digest('hex');
  return hex.slice(0, TOKEN_HMAC_LENGTH);
}

function signedToken(kind: Kind, id: string, secret: string): string {
  if (!ID.test(id)) throw new Error(`Id "${id}" cannot be used in a ${kind} address`);
  return `${id}.${tokenHmac(kind, id, secret)}`;
}

/** The id of a `<kind>+<id>.<hmac>@domain` address whose HMAC verifies, or null. Domain not checked. */
function verifiedId(kind: Kind, address: string, secrets: VerifyingSecrets): string | null {
  const parsed = parseAddress(address);
  if (!parsed) return null;
  const local = parsed.address.slice(0, parsed.address.lastIndexOf('@'));
  if (!local.toLowerCase().startsWith(`${kind}+`)) return null;
  const token = local.slice(kind.length + 1);
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const id = token.slice(0, dot);
  if (!ID.test(id)) return null;
  const given = Buffer.from(token.slice(dot + 1).toLowerCase());
  const verifies = (secret: string) => {
    const expected = Buffer.from(tokenHmac(kind, id, secret));
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return secretList(secrets).some(verifies) ? id : null;
}

/** `${conversationId}.${first 16 hex of HMAC-SHA256(secret, conversationId)}`. */
export const replyToken = (conversationId: string, secret: string): string =>
  signedToken('reply', conversationId, secret);

export function replyAddress(token: string, domain: string): string {
  return `reply+${token}@${domain}`;
}

/**
 * The conversation id of a reply address (`reply+<token>@domain`, display name allowed) whose
 * HMAC verifies, or null. "reply+" and the hex HMAC are matched case-insensitively; the domain is
 * not checked here.
 */
export const parseReplyToken = (address: string, secret: VerifyingSecrets): string | null =>
  verifiedId('reply', address, secret);

/** The organization's log address: salespeople auto-forward or BCC their mailbox to it. */
export function logAddress(organizationId: string, secret: string, domain: string): string {
  return `log+${signedToken('log', organizationId, secret)}@${domain}`;
}

/** The organization id of a log address whose HMAC verifies, or null. */
export const parseLogAddress = (address: string, secret: VerifyingSecrets): string | null =>
  verifiedId('log', address, secret);
