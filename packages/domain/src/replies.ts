// Classifying received mail: auto-replies, threading headers, and signed reply addresses.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseAddress } from './addresses';

type Headers = Record<string, string | undefined>;

function lowerCaseKeys(headers: Headers): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) map.set(key.toLowerCase(), value);
  }
  return map;
}

const AUTO_PRECEDENCE = new Set(['bulk', 'junk', 'list', 'auto_reply']);

/**
 * True for machine-generated mail (out-of-office, autoresponders, lists), which must not count
 * as the prospect's reply: RFC 3834 Auto-Submitted other than "no", X-Autoreply or X-Autorespond
 * present, or Precedence bulk/junk/list/auto_reply. Header names are case-insensitive.
 */
export function isAutoReply(headers: Headers): boolean {
  const h = lowerCaseKeys(headers);
  const autoSubmitted = h.get('auto-submitted')?.split(';')[0].trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (h.has('x-autoreply') || h.has('x-autorespond')) return true;
  const precedence = h.get('precedence')?.trim().toLowerCase();
  return precedence !== undefined && AUTO_PRECEDENCE.has(precedence);
}

/** The `<id>` tokens of an In-Reply-To or References value, brackets kept, duplicates removed. */
export function extractMessageIds(headerValue: string | undefined): string[] {
  return [...new Set(headerValue?.match(/<[^<>\s]+>/g) ?? [])];
}

const TOKEN_HMAC_LENGTH = 16;
// Ids go into an email local part and must survive case-insensitive handling of its fixed parts.
const CONVERSATION_ID = /^[A-Za-z0-9_-]+$/;

function tokenHmac(conversationId: string, secret: string): string {
  if (!secret) throw new Error('Reply token secret must not be empty');
  const hex = createHmac('sha256', secret).update(conversationId).digest('hex');
  return hex.slice(0, TOKEN_HMAC_LENGTH);
}

/** `${conversationId}.${first 16 hex of HMAC-SHA256(secret, conversationId)}`. */
export function replyToken(conversationId: string, secret: string): string {
  if (!CONVERSATION_ID.test(conversationId)) {
    throw new Error(`Conversation id "${conversationId}" cannot be used in a reply address`);
  }
  return `${conversationId}.${tokenHmac(conversationId, secret)}`;
}

export function replyAddress(token: string, domain: string): string {
  return `reply+${token}@${domain}`;
}

/**
 * The conversation id of a reply address (`reply+<token>@domain`, display name allowed) whose
 * HMAC verifies, or null. "reply+" and the hex HMAC are matched case-insensitively; the domain is
 * not checked here.
 */
export function parseReplyToken(address: string, secret: string): string | null {
  const parsed = parseAddress(address);
  if (!parsed) return null;
  const at = parsed.address.lastIndexOf('@');
  const local = parsed.address.slice(0, at);
  if (!local.toLowerCase().startsWith('reply+')) return null;
  const token = local.slice('reply+'.length);
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const conversationId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1).toLowerCase());
  if (!CONVERSATION_ID.test(conversationId)) return null;
  const expected = Buffer.from(tokenHmac(conversationId, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return conversationId;
}
