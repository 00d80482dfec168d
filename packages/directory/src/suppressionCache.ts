import type { Types } from 'mongoose';
import { findSuppressed, Suppression, suppressedOf, suppressionKeysOf, type SuppressionDoc } from '@follow-ups/db';

const MAX_ORGANIZATIONS = 1_000;
/** Above this many suppressions an organization is not cached: its checks read by `_id`. */
const MAX_CACHED = 5_000;
/** A write's bump follows it: should its writer die in between, the cache is still read again after a minute. */
const RELOAD_MS = 60_000;
const cache = new Map<string, { version: number; loadedAt: number; byId: Map<string, SuppressionDoc> | null }>();

/**
 * The suppressed ones among `addresses`, as `findSuppressed` answers. With the organization's
 * `suppressionsVersion` (read with the request's organization, before this), its suppressions come
 * from this process's cache, loaded once per version: every suppression write (bounce, unsubscribe,
 * API, erasure) bumps it, so the next request of any process reads them again. Without it, a read.
 */
export async function suppressedAmong(
  organization: Types.ObjectId | string,
  addresses: string[],
  version?: number,
): Promise<SuppressionDoc[]> {
  if (version === undefined) return findSuppressed(organization, addresses);
  const key = String(organization);
  let hit = cache.get(key);
  if (!hit || hit.version !== version || Date.now() - hit.loadedAt >= RELOAD_MS) {
    const all = await Suppression.find({ organization }, { detail: 0 })
      .limit(MAX_CACHED + 1)
      .lean<SuppressionDoc[]>();
    hit = { version, loadedAt: Date.now(), byId: all.length > MAX_CACHED ? null : new Map(all.map((s) => [s._id, s])) };
    if (cache.size >= MAX_ORGANIZATIONS) cache.clear();
    cache.set(key, hit);
  }
  if (!hit.byId) return findSuppressed(organization, addresses);
  const byId = hit.byId;
  return suppressedOf(suppressionKeysOf(organization, addresses), (id) => byId.get(id));
}
