import { Organization, User, type UserDoc } from '@follow-ups/db';

const MAX_ORGANIZATIONS = 1_000;
/** Above this many users an organization is not cached: its lookups go to the database. */
const MAX_CACHED_USERS = 5_000;
const cache = new Map<string, { version: number; byAddress: Map<string, UserDoc> | null }>();

/**
 * The organization's user who sends from `address` (their email or one of their addresses), if any.
 * Users are read once per organization and kept while its `usersVersion` (bumped on every user
 * write) stays put: pass the version when the caller has just read the organization, otherwise it
 * costs one read by `_id` instead of a scan of the users.
 */
export async function userByAddress(
  organization: unknown,
  address: string,
  knownVersion?: number,
): Promise<UserDoc | null> {
  const a = address.trim().toLowerCase();
  const version =
    knownVersion ?? (await Organization.findById(organization, { usersVersion: 1 }).lean())?.usersVersion ?? 0;
  const key = String(organization);
  let hit = cache.get(key);
  if (!hit || hit.version !== version) {
    const users = await User.find({ organization })
      .sort({ _id: 1 })
      .limit(MAX_CACHED_USERS + 1)
      .lean<UserDoc[]>();
    hit = { version, byAddress: users.length > MAX_CACHED_USERS ? null : addressBook(users) };
    if (cache.size >= MAX_ORGANIZATIONS) cache.clear();
    cache.set(key, hit);
  }
  if (!hit.byAddress)
    return User.findOne({ organization, $or: [{ email: a }, { addresses: a }] })
      .sort({ _id: 1 })
      .lean<UserDoc>();
  return hit.byAddress.get(a) ?? null;
}

/**
 * Each user under their email and every alias. An address two users claim (the template adds a
 * bare user for a sender that is someone's alias) belongs to the earlier one, as the database's
 * natural order gave it before the cache.
 */
function addressBook(users: UserDoc[]): Map<string, UserDoc> {
  const book = new Map<string, UserDoc>();
  for (const u of users)
    for (const address of [u.email, ...(u.addresses ?? [])]) if (!book.has(address)) book.set(address, u);
  return book;
}
