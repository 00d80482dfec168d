import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/testApp';

// Teams and users through the API: Missive-shaped reads, admin writes, validation, one organization never sees another's.
describe('organizations, teams and users API', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it("lists the token's own organization only", async () => {
    const org = await testApp.newOrganization('Acme Sales');
    await testApp.newOrganization('Other Co');
    const res = await request(testApp.app).get('/v1/organizations').set(org.auth).expect(200);
    expect(res.body).toEqual({ organizations: [{ id: org.id, name: 'Acme Sales' }] });
  });

  it('creates, lists (by name, paged) and renames teams', async () => {
    const org = await testApp.newOrganization();
    const sales = await request(testApp.app)
      .post('/v1/teams')
      .set(org.auth)
      .send({ teams: { name: ' Sales ' } })
      .expect(201);
    expect(sales.body.teams).toEqual({ id: expect.any(String), name: 'Sales', organization: org.id });
    await request(testApp.app)
      .post('/v1/teams')
      .set(org.auth)
      .send({ teams: { name: 'Accounts', organization: org.id } })
      .expect(201);

    const all = await request(testApp.app).get('/v1/teams').set(org.auth).expect(200);
    expect(all.body.teams.map((t: { name: string }) => t.name)).toEqual(['Accounts', 'Sales']);
    const second = await request(testApp.app).get('/v1/teams?limit=1&offset=1').set(org.auth).expect(200);
    expect(second.body.teams.map((t: { name: string }) => t.name)).toEqual(['Sales']);

    const renamed = await request(testApp.app)
      .patch(`/v1/teams/${sales.body.teams.id}`)
      .set(org.auth)
      .send({ teams: { name: 'Enterprise' } })
      .expect(200);
    expect(renamed.body.teams).toMatchObject({ id: sales.body.teams.id, name: 'Enterprise' });
  });

  it('answers 400 naming the field for bad team input, and changes nothing', async () => {
    const org = await testApp.newOrganization();
    for (const body of [
      { teams: { name: '' } },
      { teams: { name: 'a\nb' } },
      { teams: { name: 'x', color: 'red' } },
      { teams: {} },
    ]) {
      const res = await request(testApp.app).post('/v1/teams').set(org.auth).send(body).expect(400);
      expect(res.body.error.code).toBe('validation_error');
      expect(res.body.error.issues[0].path).toMatch(/^body\.teams/);
    }
    await request(testApp.app).get('/v1/teams?limit=500').set(org.auth).expect(400);
    expect((await request(testApp.app).get('/v1/teams').set(org.auth).expect(200)).body.teams).toEqual([]);
  });

  it("never shows or changes another organization's teams and users (404)", async () => {
    const owner = await testApp.newOrganization();
    const other = await testApp.newOrganization();
    const team = (
      await request(testApp.app)
        .post('/v1/teams')
        .set(owner.auth)
        .send({ teams: { name: 'Sales' } })
        .expect(201)
    ).body.teams;
    const user = (
      await request(testApp.app)
        .post('/v1/users')
        .set(owner.auth)
        .send({ users: { email: 'ana@acme.test' } })
        .expect(201)
    ).body.users;

    await request(testApp.app)
      .patch(`/v1/teams/${team.id}`)
      .set(other.auth)
      .send({ teams: { name: 'Mine' } })
      .expect(404);
    await request(testApp.app)
      .patch(`/v1/users/${user.id}`)
      .set(other.auth)
      .send({ users: { name: 'Mine' } })
      .expect(404);
    await request(testApp.app)
      .post('/v1/teams')
      .set(other.auth)
      .send({ teams: { name: 'X', organization: owner.id } })
      .expect(404);
    expect((await request(testApp.app).get('/v1/teams').set(other.auth).expect(200)).body.teams).toEqual([]);
    // Missive's `organization` parameter: the token's own, or a 404.
    await request(testApp.app).get(`/v1/teams?organization=${owner.id}`).set(other.auth).expect(404);
    await request(testApp.app).get(`/v1/users?organization=${owner.id}`).set(other.auth).expect(404);
    expect(
      (await request(testApp.app).get(`/v1/users?organization=${owner.id}`).set(owner.auth).expect(200)).body.users,
    ).toHaveLength(1);
    expect((await request(testApp.app).get('/v1/users').set(other.auth).expect(200)).body.users).toEqual([]);
    // The same address may be a user in another organization.
    await request(testApp.app)
      .post('/v1/users')
      .set(other.auth)
      .send({ users: { email: 'ana@acme.test' } })
      .expect(201);
    expect((await request(testApp.app).get('/v1/teams').set(owner.auth).expect(200)).body.teams[0].name).toBe('Sales');
  });

  it('creates a user with name, first name from the name, addresses, signature and time zone; updates and clears fields', async () => {
    const org = await testApp.newOrganization();
    const created = await request(testApp.app)
      .post('/v1/users')
      .set(org.auth)
      .send({
        users: {
          email: 'Alex@Acme.test',
          name: 'Alex Martin',
          addresses: ['sales@acme.test', 'alex@acme.test'],
          signature: '<p>Alex Martin<br>Acme</p>',
          time_zone: 'Europe/Paris',
        },
      })
      .expect(201);
    expect(created.body.users).toEqual({
      id: expect.any(String),
      email: 'alex@acme.test',
      name: 'Alex Martin',
      first_name: 'Alex',
      last_name: 'Martin',
      addresses: ['sales@acme.test'],
      signature: '<p>Alex Martin<br>Acme</p>',
      time_zone: 'Europe/Paris',
      team: null,
      organization: org.id,
    });
    const id = created.body.users.id;
    const updated = await request(testApp.app)
      .patch(`/v1/users/${id}`)
      .set(org.auth)
      .send({ users: { first_name: 'Al', signature: null, time_zone: 'America/New_York' } })
      .expect(200);
    expect(updated.body.users).toMatchObject({
      first_name: 'Al',
      last_name: 'Martin',
      signature: null,
      time_zone: 'America/New_York',
      addresses: ['sales@acme.test'],
    });
    const listed = await request(testApp.app).get('/v1/users').set(org.auth).expect(200);
    expect(listed.body.users).toEqual([updated.body.users]);
  });

  it("sets, shows and clears a user's team; refuses an unknown or another organization's team (400, nothing written)", async () => {
    const org = await testApp.newOrganization();
    const other = await testApp.newOrganization();
    const teamOf = async (auth: Record<string, string>, name: string): Promise<string> =>
      (await request(testApp.app).post('/v1/teams').set(auth).send({ teams: { name } }).expect(201)).body.teams.id;
    const sales = await teamOf(org.auth, 'Sales');
    const theirs = await teamOf(other.auth, 'Their sales');
    const unknown = '0123456789abcdef01234567';
    const refused = async (send: () => request.Test) => {
      const res = await send().expect(400);
      expect(res.body.error).toMatchObject({ code: 'validation_error', issues: [{ path: 'body.users.team' }] });
    };
    for (const team of [unknown, theirs, 'not-an-id'])
      await refused(() =>
        request(testApp.app)
          .post('/v1/users')
          .set(org.auth)
          .send({ users: { email: 'ann@acme.test', team } }),
      );
    expect((await request(testApp.app).get('/v1/users').set(org.auth).expect(200)).body.users).toEqual([]);

    const ann = await request(testApp.app)
      .post('/v1/users')
      .set(org.auth)
      .send({ users: { email: 'ann@acme.test', team: sales } })
      .expect(201);
    expect(ann.body.users.team).toBe(sales);
    const path = `/v1/users/${ann.body.users.id}`;
    for (const team of [unknown, theirs])
      await refused(() =>
        request(testApp.app)
          .patch(path)
          .set(org.auth)
          .send({ users: { team, name: 'Ann' } }),
      );
    expect((await request(testApp.app).get('/v1/users').set(org.auth).expect(200)).body.users).toEqual([
      ann.body.users,
    ]);
    const cleared = await request(testApp.app)
      .patch(path)
      .set(org.auth)
      .send({ users: { team: null } })
      .expect(200);
    expect(cleared.body.users.team).toBeNull();
  });

  it('refuses an invalid time zone, address or signature with 400, and an address another user has with 409', async () => {
    const org = await testApp.newOrganization();
    const bad = [
      [{ email: 'a@acme.test', time_zone: 'Mars/Olympus' }, 'body.users.time_zone'],
      [{ email: 'not-an-address' }, 'body.users.email'],
      [{ email: 'a@acme.test', addresses: ['nope'] }, 'body.users.addresses.0'],
      [{ email: 'a@acme.test', signature: 'x'.repeat(10_001) }, 'body.users.signature'],
      [{ email: 'a@acme.test', name: 'Ann\r\nBcc: x@evil.test' }, 'body.users.name'],
      [{ email: 'a@acme.test', role: 'owner' }, 'body.users'],
    ] as const;
    for (const [users, path] of bad) {
      const res = await request(testApp.app).post('/v1/users').set(org.auth).send({ users }).expect(400);
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect((await request(testApp.app).get('/v1/users').set(org.auth).expect(200)).body.users).toEqual([]);

    const alex = (
      await request(testApp.app)
        .post('/v1/users')
        .set(org.auth)
        .send({ users: { email: 'alex@acme.test', addresses: ['sales@acme.test'] } })
        .expect(201)
    ).body.users;
    const sam = (
      await request(testApp.app)
        .post('/v1/users')
        .set(org.auth)
        .send({ users: { email: 'sam@acme.test' } })
        .expect(201)
    ).body.users;
    for (const users of [
      { email: 'ALEX@acme.test' },
      { email: 'sales@acme.test' },
      { email: 'new@acme.test', addresses: ['alex@acme.test'] },
    ]) {
      expect(
        (await request(testApp.app).post('/v1/users').set(org.auth).send({ users }).expect(409)).body.error.code,
      ).toBe('conflict');
    }
    await request(testApp.app)
      .patch(`/v1/users/${sam.id}`)
      .set(org.auth)
      .send({ users: { addresses: ['sales@acme.test'] } })
      .expect(409);
    await request(testApp.app)
      .patch(`/v1/users/${sam.id}`)
      .set(org.auth)
      .send({ users: { email: 'alex@acme.test' } })
      .expect(409);
    await request(testApp.app)
      .patch(`/v1/users/${sam.id}`)
      .set(org.auth)
      .send({ users: { time_zone: 'Nowhere' } })
      .expect(400);
    // A user may keep its own addresses when it changes them.
    await request(testApp.app)
      .patch(`/v1/users/${alex.id}`)
      .set(org.auth)
      .send({ users: { addresses: ['sales@acme.test', 'deals@acme.test'] } })
      .expect(200);
    expect(
      (await request(testApp.app).get('/v1/users').set(org.auth).expect(200)).body.users.map(
        (u: { email: string }) => u.email,
      ),
    ).toEqual(['alex@acme.test', 'sam@acme.test']);
  });
});
