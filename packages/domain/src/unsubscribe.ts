// One-click unsubscribe (RFC 8058): signed per organization + recipient, so nobody can forge a token
// that unsubscribes someone else.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isValidEmail, normalizeAddress, parseAddress } from './addresses';
import { secretList, type VerifyingSecrets } from './signedAddresses';

const HMAC_LENGTH = 20;
const OBJECT_ID = /^[0-9a-f]{24}$/i;
const MAIL_PREFIX = 'unsubscribe+';

export type UnsubscribeConfig = {
  /** Where ingest serves `/u/<token>`, e.g. https://followups.example.com. */
  publicBaseUrl: string;
  /** INBOUND_REPLY_DOMAIN: the mailto goes through Inbound Parse. */
  replyDomain: string;
  /** REPLY_TOKEN_SECRET; a domain-separation prefix keeps these apart from reply tokens. */
  secret: string;
};

export type Unsubscriber = { organizationId: string; address: string };

function signature(organizationId: string, address: string, secret: string): string {
  if (!secret) throw new Error('Unsubscribe token secret must not be empty');
  return createHmac('sha256', secret)
    .update(`unsubscribe\n${organizationId.toLowerCase()}\n${normalizeAddress(address)}`)
    .digest('hex')
    .slice(0, HMAC_LENGTH);
}

function sameHex(given: string, expected: string): boolean {
  const a = Buffer.from(given.toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether `hmac` signs this organization and address under one of the secrets. */
function signedBy(hmac: string, organizationId: string, address: string, secrets: VerifyingSecrets): boolean {
  return secretList(secrets).some((secret) => sameHex(hmac, signature(organizationId, address, secret)));
}

/** `<org>.<base64url(address)>.<hmac>`: carries the address, for the HTTPS link (case kept). */
export function unsubscribeLinkToken(organizationId: string, address: string, secret: string): string {
  return linkToken(organizationId, address, signature(organizationId, address, secret));
}

function linkToken(organizationId: string, address: string, hmac: string): string {
  if (!OBJECT_ID.test(organizationId))
    throw new Error(`Organization id "${organizationId}" cannot be used in an unsubscribe token`);
  const encoded = Buffer.from(normalizeAddress(address), 'utf8').toString('base64url');
  return `${organizationId}.${encoded}.${hmac}`;
}

/** The organization and address of a link token whose signature verifies, or null. */
export function parseUnsubscribeLinkToken(token: string, secret: VerifyingSecrets): Unsubscriber | null {
  const [organizationId, encoded, hmac, extra] = token.split('.');
  if (
    extra !== undefined ||
    !organizationId ||
    !OBJECT_ID.test(organizationId) ||
    !encoded ||
    !/^[A-Za-z0-9_-]+$/.test(encoded) ||
    !hmac
  )
    return null;
  const address = Buffer.from(encoded, 'base64url').toString('utf8');
  if (!isValidEmail(address)) return null;
  if (!signedBy(hmac, organizationId, address, secret)) return null;
  return { organizationId: organizationId.toLowerCase(), address };
}

/**
 * `<org>.<hmac>`, lowercase and 45 characters, fits a mail local part (64 at most). It names no
 * address: the unsubscribe mail comes from the recipient, and its From must match the signature.
 */
export function unsubscribeMailToken(organizationId: string, address: string, secret: string): string {
  return mailToken(organizationId, signature(organizationId, address, secret));
}

const mailToken = (organizationId: string, hmac: string) => `${organizationId.toLowerCase()}.${hmac}`;

export function unsubscribeMailAddress(organizationId: string, address: string, config: UnsubscribeConfig): string {
  return mailAddressOf(config, unsubscribeMailToken(organizationId, address, config.secret));
}

const mailAddressOf = (config: UnsubscribeConfig, token: string) => `${MAIL_PREFIX}${token}@${config.replyDomain}`;

/** True for `unsubscribe+…@…` (display name allowed); the signature is checked by `verifyUnsubscribeMail`. */
export function isUnsubscribeAddress(recipient: string): boolean {
  const parsed = parseAddress(recipient);
  return parsed !== null && parsed.address.toLowerCase().startsWith(MAIL_PREFIX);
}

/** The unsubscriber when mail to `recipient` (an unsubscribe address) comes from the address it was signed for. */
export function verifyUnsubscribeMail(recipient: string, from: string, secret: VerifyingSecrets): Unsubscriber | null {
  const to = parseAddress(recipient);
  const sender = parseAddress(from);
  if (!to || !sender || !isUnsubscribeAddress(to.address)) return null;
  const token = to.address.slice(MAIL_PREFIX.length, to.address.lastIndexOf('@'));
  const [organizationId, hmac, extra] = token.split('.');
  if (extra !== undefined || !organizationId || !OBJECT_ID.test(organizationId) || !hmac) return null;
  if (!signedBy(hmac, organizationId, sender.address, secret)) return null;
  return { organizationId: organizationId.toLowerCase(), address: normalizeAddress(sender.address) };
}

export function unsubscribeUrl(organizationId: string, address: string, config: UnsubscribeConfig): string {
  return urlOf(config, unsubscribeLinkToken(organizationId, address, config.secret));
}

const urlOf = (config: UnsubscribeConfig, token: string) => `${config.publicBaseUrl.replace(/\/+$/, '')}/u/${token}`;

export type UnsubscribeHeaders = Record<'List-Unsubscribe' | 'List-Unsubscribe-Post', string>;

/** RFC 2369 + RFC 8058 headers for a mail to `recipient`; also the link for a Liquid opt-out line. */
export function unsubscribeHeaders(
  organizationId: string,
  recipient: string,
  config: UnsubscribeConfig,
): UnsubscribeHeaders {
  return unsubscribeLinks(organizationId, recipient, config).headers;
}

/** The link and the headers of a mail to `recipient`, on one signature (the link's and the mailto's are the same). */
export function unsubscribeLinks(
  organizationId: string,
  recipient: string,
  config: UnsubscribeConfig,
): { url: string; headers: UnsubscribeHeaders } {
  const hmac = signature(organizationId, recipient, config.secret);
  const url = urlOf(config, linkToken(organizationId, recipient, hmac));
  const mailto = mailAddressOf(config, mailToken(organizationId, hmac));
  return {
    url,
    headers: {
      'List-Unsubscribe': `<${url}>, <mailto:${mailto}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
