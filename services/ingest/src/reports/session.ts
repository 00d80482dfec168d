import { createHmac, timingSafeEqual } from 'node:crypto';
import { ApiToken } from '@follow-ups/db';

export const SESSION_COOKIE = 'fu_reports';
const SESSION_S = 12 * 3600;

const keyOf = (secret: string) => createHmac('sha256', secret).update('reports-session').digest();
const sign = (secret: string, value: string) => createHmac('sha256', keyOf(secret)).update(value).digest('base64url');

/**
 * A signed session value for a token: `<token record id>.<expiry>.<signature>`. It names the
 * token's record, never the token itself, and lapses after 12 hours or when the token is revoked.
 */
export function sessionValue(secret: string, tokenId: string, now: Date): string {
  const value = `${tokenId}.${Math.floor(now.getTime() / 1000) + SESSION_S}`;
  return `${value}.${sign(secret, value)}`;
}

/** The organization of a valid session value, else null (bad signature, expired, token revoked). */
export async function sessionOrganization(
  secret: string,
  cookie: string | undefined,
  now: Date,
): Promise<string | null> {
  const [tokenId, expiry, signature] = (cookie ?? '').split('.');
  if (!tokenId || !expiry || !signature || !/^[0-9a-f]{24}$/.test(tokenId)) return null;
  const expected = Buffer.from(sign(secret, `${tokenId}.${expiry}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Number(expiry) * 1000 < now.getTime()) return null;
  const token = await ApiToken.findById(tokenId, { organization: 1 }).lean();
  return token ? String(token.organization) : null;
}

/** The cookie's attributes: HttpOnly, SameSite=Strict, Secure over https, only under /reports. */
export const cookieOptions = (secure: boolean) => ({
  httpOnly: true,
  sameSite: 'strict' as const,
  secure,
  path: '/reports',
  maxAge: SESSION_S * 1000,
});

/** Reads one cookie from the header (no cookie-parser needed for one value). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
