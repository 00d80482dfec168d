import type { CreateUser, UpdateUser } from '@follow-ups/contract';
import { isDuplicateKeyError, Team, User } from '@follow-ups/db';
import { personFromAddress } from '@follow-ups/domain';
import { DirectoryError, notFound } from './directoryError';
import { assertOwnOrganization } from './organizations';
import type { Page } from './teams';

export async function listUsers(organization: string, page: Page) {
  assertOwnOrganization(organization, page.organization);
  return User.find({ organization }).sort({ email: 1, _id: 1 }).skip(page.offset).limit(page.limit).lean();
}

const lower = (addresses: string[]) => [...new Set(addresses.map((a) => a.trim().toLowerCase()))];

/** 409 when another user of the organization sends from one of `addresses` (as email or alias). */
async function assertAddressesFree(organization: string, addresses: string[], except?: string) {
  const clash = await User.findOne(
    {
      organization,
      ...(except ? { _id: { $ne: except } } : {}),
      $or: [{ email: { $in: addresses } }, { addresses: { $in: addresses } }],
    },
    { email: 1, addresses: 1 },
  ).lean();
  if (!clash) return;
  const taken = addresses.find((a) => clash.email === a || clash.addresses?.includes(a));
  throw new DirectoryError('conflict', `${taken} is already an address of user ${String(clash._id)} (${clash.email})`);
}

/** 400 naming `team` unless it is one of the organization's teams (an unknown id and another's read the same). */
async function assertOwnTeam(organization: string, team: string | null | undefined) {
  if (!team || (await Team.exists({ _id: team, organization }))) return;
  const message = `team ${team} is not a team of this organization`;
  throw new DirectoryError('validation_error', message, [{ path: 'body.users.team', message }]);
}

const duplicateEmail = (email: string) => (err: unknown) => {
  if (isDuplicateKeyError(err)) throw new DirectoryError('conflict', `a user with the address ${email} already exists`);
  throw err;
};

/**
 * Creates a user; `first_name` / `last_name` default from `name` as for a display name.
 * With `ifMissing`, returns the user with that email instead (unchanged).
 */
export async function createUser(organization: string, input: CreateUser, options: { ifMissing?: boolean } = {}) {
  assertOwnOrganization(organization, input.organization);
  const email = input.email.trim().toLowerCase();
  if (options.ifMissing) {
    const existing = await User.findOne({ organization, email }).lean();
    if (existing) return { user: existing, created: false };
  }
  const addresses = lower(input.addresses ?? []).filter((a) => a !== email);
  await assertOwnTeam(organization, input.team);
  await assertAddressesFree(organization, [email, ...addresses]);
  const derived = personFromAddress({ address: email, name: input.name });
  const doc = {
    organization,
    email,
    ...(input.name ? { name: derived.name } : {}),
    ...((input.first_name ?? derived.first_name) ? { first_name: input.first_name ?? derived.first_name } : {}),
    ...((input.last_name ?? derived.last_name) ? { last_name: input.last_name ?? derived.last_name } : {}),
    ...(addresses.length ? { addresses } : {}),
    ...(input.signature !== undefined ? { signature: input.signature } : {}),
    ...(input.time_zone ? { time_zone: input.time_zone } : {}),
    ...(input.team ? { team: input.team } : {}),
  };
  const user = await User.create(doc).catch(duplicateEmail(email));
  return { user: user.toObject(), created: true };
}

/** Sets the given fields, clears those given as null; `addresses` replaces the list. */
export async function updateUser(organization: string, id: string, change: UpdateUser) {
  const current = await User.findOne({ _id: id, organization }).lean();
  if (!current) throw notFound(`user ${id}`);
  await assertOwnTeam(organization, change.team);
  const email = change.email?.trim().toLowerCase() ?? current.email;
  const addresses = lower(change.addresses ?? current.addresses ?? []).filter((a) => a !== email);
  if (change.email !== undefined || change.addresses !== undefined)
    await assertAddressesFree(organization, [email, ...addresses], id);

  const set: Record<string, unknown> = { email };
  const unset: Record<string, 1> = {};
  if (change.addresses !== undefined || addresses.length !== (current.addresses ?? []).length) {
    if (addresses.length) set.addresses = addresses;
    else unset.addresses = 1;
  }
  for (const key of ['name', 'first_name', 'last_name', 'signature', 'time_zone', 'team'] as const) {
    const value = change[key];
    if (value === null) unset[key] = 1;
    else if (value !== undefined) set[key] = value;
  }
  await User.updateOne(
    { _id: id, organization },
    { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
  ).catch(duplicateEmail(email));
  return (await User.findOne({ _id: id, organization }).lean())!;
}
