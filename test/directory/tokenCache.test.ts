// Ingest keeps API tokens per process, checked against their organization's `tokensVersion` in the
// one organization read a request makes: a write elsewhere (another ingest, the admin command) is seen
// by the next request here.
import request from 'supertest';
import { ApiToken, Organization } from '@follow-ups/db';
import { revokeToken } from '@follow-ups/directory';
import { commandsOf } from '../helpers/commandProfile';
import { useTestApp } from '../helpers/testApp';

const testApp = useTestApp();
const rules = (auth: { Authorization: string }) => request(testApp.app).get('/v1/rules').set(auth);

it('a known token costs one read of its organization, and a revoke made elsewhere is a 401 on the next request', async () => {
  const org = await testApp.newOrganization();
  for (let i = 0; i < 3; i++) await rules(org.auth).expect(200);
  const warm = await commandsOf(() => rules(org.auth).expect(200));
  expect(warm.by['find apitokens {_id}']).toBeUndefined();
  expect(warm.by['find organizations {_id}']).toBe(1);

  // What another process does: a write to the database only, nothing in this process's memory.
  const token = (await ApiToken.findOne({ organization: org.id }).lean())!;
  await revokeToken(org.id, String(token._id));
  const refused = await rules(org.auth).expect(401);
  expect(refused.body.error.code).toBe('unauthorized');
});

it('a scope changed elsewhere applies to the next request', async () => {
  const org = await testApp.newOrganization();
  for (let i = 0; i < 2; i++) await request(testApp.app).get('/v1/tokens').set(org.auth).expect(200);
  await ApiToken.updateOne({ organization: org.id }, { $set: { scope: 'send' } });
  const forbidden = await request(testApp.app).get('/v1/tokens').set(org.auth).expect(403);
  expect(forbidden.body.error.code).toBe('forbidden');
});

it('a token whose organization is gone is a 401', async () => {
  const org = await testApp.newOrganization();
  for (let i = 0; i < 2; i++) await rules(org.auth).expect(200);
  await Organization.deleteOne({ _id: org.id });
  await rules(org.auth).expect(401);
});

it("another organization's token never passes for this one", async () => {
  const [a, b] = [await testApp.newOrganization('A'), await testApp.newOrganization('B')];
  for (let i = 0; i < 2; i++) {
    await rules(a.auth).expect(200);
    await rules(b.auth).expect(200);
  }
  await revokeToken(a.id, String((await ApiToken.findOne({ organization: a.id }).lean())!._id));
  await rules(a.auth).expect(401);
  await rules(b.auth).expect(200);
});

it('a token revoked without its version bump (the writer died in between) is refused within a minute', async () => {
  const org = await testApp.newOrganization();
  for (let i = 0; i < 3; i++) await rules(org.auth).expect(200);
  // The delete alone, past the schema's hooks: what a process that died before its bump leaves.
  await ApiToken.collection.deleteOne({ organization: new Organization({ _id: org.id })._id });
  await rules(org.auth).expect(200); // the version did not move: still the cached token
  const now = Date.now();
  const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
  try {
    await rules(org.auth).expect(401);
  } finally {
    clock.mockRestore();
  }
});
