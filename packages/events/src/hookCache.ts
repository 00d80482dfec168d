// The organization's hooks of one event type, kept while its `hooksVersion` stays put: a caller that
// has just read the organization (the follow-up send) looks its hooks up without a read.
import { Hook, type HookDoc } from '@follow-ups/db';

const MAX_ORGANIZATIONS = 1_000;
const cache = new Map<string, { version: number; byType: Map<string, HookDoc[]> }>();

const readHooks = (organizationId: string, type: string) =>
  Hook.find({ organization: organizationId, type }).sort({ createdAt: 1 }).lean<HookDoc[]>();

/**
 * The organization's hooks of `type`, oldest first. `version`: its `hooksVersion` as the caller read it
 * before this call (every hook write bumps it after writing); without it, a read every time.
 */
export async function hooksOf(organizationId: string, type: string, version?: number): Promise<HookDoc[]> {
  if (version === undefined) return readHooks(organizationId, type);
  let entry = cache.get(organizationId);
  if (!entry || entry.version !== version) {
    if (cache.size >= MAX_ORGANIZATIONS) cache.clear();
    entry = { version, byType: new Map() };
    cache.set(organizationId, entry);
  }
  const hit = entry.byType.get(type);
  if (hit) return hit;
  const hooks = await readHooks(organizationId, type);
  entry.byType.set(type, hooks);
  return hooks;
}
