import type { Types } from 'mongoose';
import { Contact, contactId } from '@follow-ups/db';

const MAX_ORGANIZATIONS = 1_000;
/** Above this many contacts an organization is not cached: its lookups read by `_id`. */
const MAX_CACHED = 5_000;
/** An organization whose contacts changed is loaded again at most this often; meanwhile lookups read by `_id`. */
const RELOAD_MS = 10_000;
type Entry = { version: number; zones: Map<string, string> | null; loadedAt: number };
const cache = new Map<string, Entry>();

const byId = async (organization: string, address: string) =>
  (await Contact.findById(contactId(organization, address), { timeZone: 1 }).lean())?.timeZone ?? null;

/**
 * The time zone stored on the organization's contact `address`, or null. With the organization's
 * `contactsVersion` (read with the request's organization, before this), the contacts come from
 * this process's cache, loaded once per version (every contact write bumps it, so a zone set
 * through another process is read by the next request here). An organization whose contacts
 * change often (a zone on every draft) is loaded at most every 10 s and read by `_id` in between:
 * never from a cache older than the version read.
 */
export async function recipientTimeZone(
  organization: Types.ObjectId | string,
  address: string,
  version?: number,
  now = Date.now(),
): Promise<string | null> {
  const key = String(organization);
  const a = address.trim().toLowerCase();
  if (version === undefined) return byId(key, a);
  let hit = cache.get(key);
  if (!hit || hit.version !== version) {
    if (hit && now - hit.loadedAt < RELOAD_MS) return byId(key, a);
    const contacts = await Contact.find({ organization }, { address: 1, timeZone: 1 })
      .limit(MAX_CACHED + 1)
      .lean();
    const zones = new Map(contacts.flatMap((c) => (c.timeZone ? [[c.address, c.timeZone] as const] : [])));
    hit = { version, zones: contacts.length > MAX_CACHED ? null : zones, loadedAt: now };
    if (cache.size >= MAX_ORGANIZATIONS) cache.clear();
    cache.set(key, hit);
  }
  return hit.zones ? (hit.zones.get(a) ?? null) : byId(key, a);
}
