// The users cache: a sender is found by email or alias from one read of the organization's users,
// and every user write is seen by the next lookup (usersVersion), through the real models on FerretDB.
import mongoose from 'mongoose';
import { Organization, User } from '@follow-ups/db';
import { createUser, updateUser, userByAddress } from '@follow-ups/directory';
import { useTestDb } from '../db/testDb';

useTestDb('user_by_address');

/** Counts the reads of the users collection mongoose sends while `work` runs. */
async function userReads<T>(work: () => Promise<T>): Promise<{ result: T; reads: number }> {
  let reads = 0;
  mongoose.set('debug', (collection: string, method: string) => {
    if (collection === 'users' && (method === 'find' || method === 'findOne')) reads++;
  });
  try {
    return { result: await work(), reads };
  } finally {
    mongoose.set('debug', false);
  }
}

const versionOf = async (organization: unknown) =>
  (await Organization.findById(organization, { usersVersion: 1 }).lean())?.usersVersion ?? 0;

describe('userByAddress', () => {
  it('finds a user by email or alias, reads the users once, and sees a write at the next lookup', async () => {
    const org = await Organization.create({ name: 'Acme' });
    const { user } = await createUser(String(org._id), {
      email: 'Alex@Acme.test',
      name: 'Alex Martin',
      addresses: ['sales@acme.test'],
    });
    const version = await versionOf(org._id);
    expect(version).toBeGreaterThan(0); // the insert bumped it

    const first = await userReads(() => userByAddress(org._id, 'alex@acme.test', version));
    expect(first.result?.name).toBe('Alex Martin');
    expect(first.reads).toBe(1);
    const cached = await userReads(async () => [
      await userByAddress(org._id, ' SALES@acme.test ', version),
      await userByAddress(org._id, 'nobody@acme.test', version),
    ]);
    expect(cached.result.map((u) => u?.email ?? null)).toEqual(['alex@acme.test', null]);
    expect(cached.reads).toBe(0);

    await updateUser(String(org._id), String(user._id), { signature: '<p>Alex, Acme</p>' });
    const after = await versionOf(org._id);
    expect(after).toBeGreaterThan(version);
    const fresh = await userReads(() => userByAddress(org._id, 'alex@acme.test', after));
    expect(fresh.result?.signature).toBe('<p>Alex, Acme</p>');
    expect(fresh.reads).toBe(1);
    // Without a version the organization is read by _id: the same answer, still no users scan.
    expect((await userReads(() => userByAddress(org._id, 'sales@acme.test'))).reads).toBe(0);
  });

  it('keeps organizations apart and gives an address two users claim to the earlier one', async () => {
    const [a, b] = await Promise.all([Organization.create({ name: 'A' }), Organization.create({ name: 'B' })]);
    await User.create({ organization: a._id, email: 'pat@a.test', name: 'Pat', addresses: ['team@a.test'] });
    await User.create({ organization: a._id, email: 'team@a.test' }); // as the template adds a sender it knows only as an alias
    await User.create({ organization: b._id, email: 'pat@a.test', name: 'Other Pat' });
    expect((await userByAddress(a._id, 'team@a.test'))?.name).toBe('Pat');
    expect((await userByAddress(b._id, 'pat@a.test'))?.name).toBe('Other Pat');
    expect(await userByAddress(b._id, 'team@a.test')).toBeNull();
  });
});
