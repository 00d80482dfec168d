import { ApiToken, scopeOf } from '@follow-ups/db';
import type { ApiTokenScope } from '@follow-ups/vocabulary';
import { readOrganizationRecord, type OrganizationRecord } from './organizationRecord';

/** A token as a request needs it. `lastUsedAt` is kept up to date by the caller that writes it. */
export type KnownToken = {
  _id: unknown;
  organization: string;
  scope: ApiTokenScope;
  lastUsedAt?: Date | null;
  /** The organization's `tokensVersion` the token was found under; null: not verified yet. */
  version: number | null;
  /** When the token was last read (ms): it is read again after REVERIFY_MS whatever the version says. */
  readAt: number;
};

const MAX_TOKENS = 10_000;
/**
 * The backstop of the version: the bump follows the token write, so a process that dies between a
 * revoke and its bump leaves the version where it was; a cached token is read again after a minute.
 */
const REVERIFY_MS = 60_000;
/** By the token's sha256, never by the raw value. */
const cache = new Map<string, KnownToken>();

/**
 * The token a raw value names with its organization's record, or null (unknown, revoked, or its
 * organization gone). A token seen before costs one read, the organization's by `_id` (which the
 * request needs anyway): it is kept while the organization's `tokensVersion` (bumped on every
 * token write, a revoke included) stays the version it was found under. A token is stamped only
 * with a version read BEFORE the token itself, so a revoke between the two reads is never cached
 * as valid: the first use reads the token then its organization and leaves the token unverified,
 * the next one reads the organization, then the token again, and stamps it. A cached token is read
 * again at least every minute (REVERIFY_MS).
 */
export async function authenticateToken(
  raw: string,
): Promise<{ token: KnownToken; organization: OrganizationRecord } | null> {
  const hash = ApiToken.hashToken(raw);
  const cached = cache.get(hash);
  const before = cached ? await readOrganizationRecord(cached.organization) : null;
  const fresh = cached && Date.now() - cached.readAt < REVERIFY_MS;
  if (fresh && before && cached.version === before.tokensVersion) return { token: cached, organization: before };

  const stored = await ApiToken.findByRawToken(raw);
  if (!stored) {
    cache.delete(hash);
    return null;
  }
  const ownOrganization = before !== null && String(before._id) === String(stored.organization);
  const organization = ownOrganization ? before : await readOrganizationRecord(stored.organization);
  if (!organization) return null;
  const token: KnownToken = {
    _id: stored._id,
    organization: String(stored.organization),
    scope: scopeOf(stored),
    lastUsedAt: stored.lastUsedAt,
    version: ownOrganization ? before.tokensVersion : null,
    readAt: Date.now(),
  };
  if (cache.size >= MAX_TOKENS) cache.clear();
  cache.set(hash, token);
  return { token, organization };
}
