import type { Types } from 'mongoose';
import type { Sending } from '@follow-ups/contract';
import { Organization, Rule } from '@follow-ups/db';
import type { RuleLike } from '@follow-ups/domain';
import { ruleLike } from './ruleLike';
import { storedSending } from './storedSending';

const MAX_ORGANIZATIONS = 1_000;
/** A rule as evaluated, with its `sending` object (API shape, or null: the organization's default applies). */
export type OutgoingRule = RuleLike & { sending: Sending | null };
const cache = new Map<string, { version: number; rules: OutgoingRule[] }>();

/**
 * The organization's enabled outgoing rules, read from the database only when its `rulesVersion`
 * (bumped on every rule write) moved since this process last read them. Pass the version when the
 * caller has just read the organization anyway; otherwise it costs one read by `_id`.
 * The same rule objects come back while unchanged, so their compiled conditions are reused too,
 * and their sending settings are read with them.
 */
export async function enabledOutgoingRules(
  organization: Types.ObjectId | string,
  knownVersion?: number,
): Promise<OutgoingRule[]> {
  const version =
    knownVersion ?? (await Organization.findById(organization, { rulesVersion: 1 }).lean())?.rulesVersion ?? 0;
  const key = String(organization);
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.rules;
  const rules = (await Rule.find({ organization, enabled: true, type: 'outgoing' }).lean()).map((r) => ({
    ...ruleLike(r),
    sending: storedSending(r.sending),
  }));
  if (cache.size >= MAX_ORGANIZATIONS) cache.clear();
  cache.set(key, { version, rules });
  return rules;
}
