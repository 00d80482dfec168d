import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/testApp';

// The admin command as an operator runs it: a separate process on the test database.
jest.setTimeout(120_000); // each spawn starts Node + tsx (1–4 s on a loaded machine)
const MAIN = path.resolve(__dirname, '../../services/admin/src/main.ts');

type Run = { code: number; stdout: string; stderr: string };

describe('npm run admin (spawned)', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  const admin = (args: string[], env: NodeJS.ProcessEnv = { MONGODB_URI: testApp.mongodbUri }): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', MAIN, ...args],
        { env: { PATH: process.env.PATH, ...env }, timeout: 30_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  const json = async (args: string[]) => {
    const run = await admin([...args, '--json']);
    expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code: 0, stderr: '' });
    return JSON.parse(run.stdout);
  };

  it('creates an organization (idempotent with --if-missing) and an admin token that the API accepts until it is revoked', async () => {
    const org = await json(['org', 'create', 'CLI Sales']);
    expect(org).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), name: 'CLI Sales', created: true });
    expect(await json(['org', 'create', 'CLI Sales', '--if-missing'])).toEqual({ ...org, created: false });

    const token = await json(['token', 'create', '--organization', org.id, '--label', 'setup', '--scope', 'admin']);
    expect(token).toMatchObject({ label: 'setup', scope: 'admin', token: expect.stringMatching(/^fu_/) });
    const auth = { Authorization: `Bearer ${token.token}` };
    await request(testApp.app)
      .post('/v1/teams')
      .set(auth)
      .send({ teams: { name: 'Sales' } })
      .expect(201);

    const list = await admin(['token', 'list', '--organization', org.id]);
    expect(list.stdout).toMatch(new RegExp(`${token.id}\\s+admin\\s+created \\S+\\s+last used \\S+\\s+setup`));
    expect(list.stdout).not.toContain(token.token.slice(3));

    expect(await json(['token', 'revoke', token.id, '--organization', org.id])).toMatchObject({
      id: token.id,
      revoked: true,
    });
    await request(testApp.app).get('/v1/teams').set(auth).expect(401);
  });

  it('assigns sender domains: the organization may then send from them, another one only when shared', async () => {
    const [org, other] = [await json(['org', 'create', 'Domain Co']), await json(['org', 'create', 'Other Co'])];
    expect(await json(['domain', 'add', 'Domain-Co.test.', '--organization', org.id])).toEqual({
      domain: 'domain-co.test',
      created: true,
    });
    expect(await json(['domain', 'list', '--organization', org.id])).toEqual({ domains: ['domain-co.test'] });
    const taken = await admin(['domain', 'add', 'domain-co.test', '--organization', other.id]);
    expect([taken.code, taken.stderr]).toEqual([1, expect.stringContaining('assigned to another organization')]);
    expect((await admin(['domain', 'add', 'not a domain', '--organization', org.id])).code).toBe(1);
    expect(await json(['domain', 'add', 'domain-co.test', '--organization', other.id, '--shared'])).toMatchObject({
      created: true,
    });
    expect(await json(['domain', 'remove', 'domain-co.test', '--organization', other.id])).toEqual({
      domain: 'domain-co.test',
      removed: true,
    });
    expect(await json(['domain', 'list', '--organization', other.id])).toEqual({ domains: [] });
  });

  it('creates, lists and renames teams and users, with a signature from a file and a checked time zone', async () => {
    const org = await json(['org', 'create', 'People Co']);
    const team = await json(['team', 'create', 'Sales', '--organization', org.id]);
    expect(await json(['team', 'create', 'Sales', '--organization', org.id, '--if-missing'])).toEqual({
      ...team,
      created: false,
    });
    expect(await json(['team', 'update', team.id, '--organization', org.id, '--name', 'Enterprise'])).toMatchObject({
      id: team.id,
      name: 'Enterprise',
    });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-test-'));
    fs.writeFileSync(path.join(dir, 'signature.html'), '<p>Alex Martin<br>People Co</p>');
    const user = await json([
      'user',
      'create',
      'alex@people.test',
      '--organization',
      org.id,
      '--name',
      'Alex Martin',
      '--address',
      'sales@people.test',
      '--signature-file',
      path.join(dir, 'signature.html'),
      '--time-zone',
      'Europe/Paris',
      '--team',
      team.id,
    ]);
    expect(user).toMatchObject({
      team: team.id,
      email: 'alex@people.test',
      first_name: 'Alex',
      addresses: ['sales@people.test'],
      signature: '<p>Alex Martin<br>People Co</p>',
      time_zone: 'Europe/Paris',
      created: true,
    });
    const updated = await json([
      'user',
      'update',
      user.id,
      '--organization',
      org.id,
      '--first-name',
      'Al',
      '--clear',
      'time-zone,addresses,team',
    ]);
    expect(updated).toMatchObject({ first_name: 'Al', time_zone: null, addresses: [], team: null });

    const listed = await json(['user', 'list', '--organization', org.id]);
    expect(listed.users).toEqual([{ ...updated }]);
    expect((await json(['team', 'list', '--organization', org.id])).teams.map((t: { name: string }) => t.name)).toEqual(
      ['Enterprise'],
    );
  });

  it('fails with exit 1 and a machine-readable error for bad input, and changes nothing', async () => {
    const org = await json(['org', 'create', 'Strict Co']);
    const badZone = await admin([
      'user',
      'create',
      'a@strict.test',
      '--organization',
      org.id,
      '--time-zone',
      'Mars/Olympus',
      '--json',
    ]);
    expect(badZone.code).toBe(1);
    expect(JSON.parse(badZone.stderr).error).toMatchObject({
      code: 'validation_error',
      issues: [{ path: '--time-zone' }],
    });
    const unknownTeam = await admin([
      'user',
      'create',
      'a@strict.test',
      '--organization',
      org.id,
      '--team',
      '0123456789abcdef01234567',
      '--json',
    ]);
    expect(unknownTeam.code).toBe(1);
    expect(JSON.parse(unknownTeam.stderr).error).toMatchObject({
      code: 'validation_error',
      issues: [{ path: '--team' }],
    });
    const unknownOrg = await admin(['team', 'create', 'Sales', '--organization', '0123456789abcdef01234567', '--json']);
    expect(unknownOrg.code).toBe(1);
    expect(JSON.parse(unknownOrg.stderr).error.code).toBe('not_found');
    const badScope = await admin(['token', 'create', '--organization', org.id, '--label', 'x', '--scope', 'root']);
    expect(badScope.code).not.toBe(0);
    expect(badScope.stderr).toMatch(/Allowed choices are admin, send/);
    expect(await json(['user', 'list', '--organization', org.id])).toEqual({ users: [] });
    expect(await json(['token', 'list', '--organization', org.id])).toEqual({ tokens: [] });
  });

  it('has help on every command and names a missing MONGODB_URI', async () => {
    for (const args of [
      [],
      ['org'],
      ['org', 'create'],
      ['token', 'create'],
      ['token', 'revoke'],
      ['team', 'update'],
      ['user', 'create'],
      ['user', 'update'],
    ]) {
      const run = await admin([...args, '--help']);
      expect({ args, code: run.code }).toEqual({ args, code: 0 });
      expect(run.stdout).toMatch(/^Usage: admin/);
    }
    const noDb = await admin(['org', 'list'], {});
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain('MONGODB_URI');
  });
});
