import request from 'supertest';
import { Types } from 'mongoose';
import { ApiToken } from '@follow-ups/db';
import { startTestApp, type TestApp } from '../helpers/testApp';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('API tokens: scopes, revocation, last use', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('issues a token shown once, lists it without its secret, and a revoked token is a 401 right after', async () => {
    const org = await testApp.newOrganization();
    const issued = await request(testApp.app)
      .post('/v1/tokens')
      .set(org.auth)
      .send({ tokens: { label: 'crm' } })
      .expect(201);
    expect(issued.body.tokens).toMatchObject({
      label: 'crm',
      scope: 'send',
      last_used_at: null,
      token: expect.stringMatching(/^fu_/),
    });
    const crm = issued.body.tokens;

    await request(testApp.app).get('/v1/rules').set(bearer(crm.token)).expect(200);
    const listed = await request(testApp.app).get('/v1/tokens').set(org.auth).expect(200);
    expect(listed.body.tokens.map((t: { label: string }) => t.label)).toEqual(['test', 'crm']);
    expect(JSON.stringify(listed.body)).not.toContain(crm.token.slice(3));

    await request(testApp.app).delete(`/v1/tokens/${crm.id}`).set(org.auth).expect(200);
    const refused = await request(testApp.app).get('/v1/rules').set(bearer(crm.token)).expect(401);
    expect(refused.body.error.code).toBe('unauthorized');
    await request(testApp.app).delete(`/v1/tokens/${crm.id}`).set(org.auth).expect(404);
  });

  it("cannot revoke or see another organization's tokens", async () => {
    const owner = await testApp.newOrganization();
    const other = await testApp.newOrganization();
    const theirs = (
      await request(testApp.app)
        .post('/v1/tokens')
        .set(owner.auth)
        .send({ tokens: { label: 'crm' } })
        .expect(201)
    ).body.tokens;
    await request(testApp.app).delete(`/v1/tokens/${theirs.id}`).set(other.auth).expect(404);
    expect(
      (await request(testApp.app).get('/v1/tokens').set(other.auth).expect(200)).body.tokens.map(
        (t: { label: string }) => t.label,
      ),
    ).toEqual(['test']);
    await request(testApp.app).get('/v1/rules').set(bearer(theirs.token)).expect(200);
  });

  it('a send token reads, sends and steers sequences, and gets 403 on every admin route before validation', async () => {
    const org = await testApp.newOrganization();
    const send = bearer(await ApiToken.issueToken(org.id, 'crm', 'send'));
    const id = '0123456789abcdef01234567';
    for (const path of [
      '/v1/rules',
      '/v1/teams',
      '/v1/users',
      '/v1/organizations',
      '/v1/settings',
      '/v1/conversations/' + id,
    ]) {
      expect((await request(testApp.app).get(path).set(send)).status).not.toBe(403);
    }
    // Allowed writes get past the scope check (here: to the handler's own 400 / 404).
    expect((await request(testApp.app).post('/v1/drafts').set(send).send({})).status).toBe(400);
    expect((await request(testApp.app).post(`/v1/sequences/${id}/stop`).set(send).send({})).status).toBe(404);

    const admin: [string, string, object][] = [
      ['post', '/v1/teams', { teams: { name: 'Sales' } }],
      ['patch', `/v1/teams/${id}`, { teams: { name: 'x' } }],
      ['post', '/v1/users', { users: { email: 'a@acme.test' } }],
      ['patch', `/v1/users/${id}`, { users: {} }],
      ['get', '/v1/tokens', {}],
      ['post', '/v1/tokens', { tokens: { label: 'escalate', scope: 'admin' } }],
      ['delete', `/v1/tokens/${id}`, {}],
      ['patch', '/v1/settings', { settings: { copy_sender: false } }],
      ['post', '/v1/rules', { not: 'valid' }],
      ['delete', `/v1/rules/${id}`, {}],
      ['post', '/v1/responses', {}],
      ['post', '/v1/rules/templates/automatic-follow-ups', {}],
      ['post', '/v1/hooks', {}],
      ['get', '/v1/hooks', {}], // hook URLs and delivery errors describe the integrations
      ['get', `/v1/hooks/${id}/deliveries`, {}],
      ['post', '/v1/shared_labels', {}],
      ['delete', '/v1/suppressions/a@b.test', {}],
    ];
    const agent = request(testApp.app) as unknown as Record<string, (p: string) => request.Test>;
    for (const [method, path, body] of admin) {
      const res = await agent[method](path).set(send).send(body);
      expect({ method, path, status: res.status, code: res.body.error?.code }).toEqual({
        method,
        path,
        status: 403,
        code: 'forbidden',
      });
    }
    expect((await request(testApp.app).get('/v1/teams').set(org.auth).expect(200)).body.teams).toEqual([]);
    expect(await ApiToken.countDocuments({ organization: org.id })).toBe(2);
  });

  it('treats a token stored before scopes existed as admin', async () => {
    const org = await testApp.newOrganization();
    const raw = 'fu_legacy-token-from-before-scopes-0000000000000';
    await ApiToken.collection.insertOne({
      organization: new Types.ObjectId(org.id),
      label: 'old',
      tokenHash: ApiToken.hashToken(raw),
      createdAt: new Date(),
    });
    await request(testApp.app)
      .post('/v1/teams')
      .set(bearer(raw))
      .send({ teams: { name: 'Sales' } })
      .expect(201);
    const listed = await request(testApp.app).get('/v1/tokens').set(org.auth).expect(200);
    expect(listed.body.tokens.find((t: { label: string }) => t.label === 'old').scope).toBe('admin');
  });

  it('records the last use, at most once a minute per token', async () => {
    const org = await testApp.newOrganization();
    const lastUsed = async () => (await ApiToken.findOne({ organization: org.id }).lean())!.lastUsedAt;
    expect(await lastUsed()).toBeUndefined();
    await request(testApp.app).get('/v1/rules').set(org.auth).expect(200);
    const first = await waitFor(lastUsed);
    for (let i = 0; i < 3; i++) await request(testApp.app).get('/v1/rules').set(org.auth).expect(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(await lastUsed()).toEqual(first); // within the minute: no write

    await ApiToken.updateOne({ organization: org.id }, { $set: { lastUsedAt: new Date(Date.now() - 61_000) } });
    await request(testApp.app).get('/v1/rules').set(org.auth).expect(200);
    const later = await waitFor(async () =>
      (await lastUsed())!.getTime() > Date.now() - 10_000 ? lastUsed() : undefined,
    );
    expect(later!.getTime()).toBeGreaterThanOrEqual(first!.getTime());
    const listed = await request(testApp.app).get('/v1/tokens').set(org.auth).expect(200);
    expect(listed.body.tokens[0].last_used_at).toBe(Math.floor(later!.getTime() / 1000));
  });
});

async function waitFor<T>(read: () => Promise<T | undefined | null>): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const value = await read();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}
