import request from 'supertest';
import { SharedLabel } from '@follow-ups/db';
import { useTestApp, type TestApp } from '../helpers/testApp';

let org: Awaited<ReturnType<TestApp['newOrganization']>>;

const testApp = useTestApp();
beforeAll(async () => {
  org = await testApp.newOrganization();
});

const post = (auth: Record<string, string>, body: object) =>
  request(testApp.app).post('/v1/shared_labels').set(auth).send(body);
const labelCount = (organization: string) => SharedLabel.countDocuments({ organization });

describe('authentication', () => {
  it('rejects a missing token', async () => {
    const res = await request(testApp.app).get('/v1/shared_labels');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('rejects an unknown token', async () => {
    const res = await post({ Authorization: 'Bearer fu_not-a-real-token' }, { shared_labels: [{ name: 'X' }] });
    expect(res.status).toBe(401);
    expect(await SharedLabel.countDocuments({ name: 'X' })).toBe(0);
  });
});

describe('create and list', () => {
  it('creates labels in request order and lists them by name, case-insensitive', async () => {
    const res = await post(org.auth, {
      shared_labels: [{ name: '  Won ' }, { name: 'deal', color: '#2f80ed' }, { name: 'Cold' }],
    });
    expect(res.status).toBe(201);
    expect(res.body.shared_labels).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{24}$/), name: 'Won', color: null },
      { id: expect.any(String), name: 'deal', color: '#2f80ed' },
      { id: expect.any(String), name: 'Cold', color: null },
    ]);

    const list = await request(testApp.app).get('/v1/shared_labels').set(org.auth);
    expect(list.status).toBe(200);
    expect(list.body.shared_labels.map((l: { name: string }) => l.name)).toEqual(['Cold', 'deal', 'Won']);
  });

  it("never shows another organization's labels, and lets it reuse a name", async () => {
    const other = await testApp.newOrganization('Other');
    expect((await request(testApp.app).get('/v1/shared_labels').set(other.auth)).body).toEqual({ shared_labels: [] });
    expect((await post(other.auth, { shared_labels: [{ name: 'Won' }] })).status).toBe(201);
  });
});

describe('nothing is written on a failed request', () => {
  it('409 when a name already exists, even with other new names in the request', async () => {
    const before = await labelCount(org.id);
    const res = await post(org.auth, { shared_labels: [{ name: 'Fresh' }, { name: 'Won' }] });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('"Won"') });
    expect(await labelCount(org.id)).toBe(before);
  });

  it('400 when the request repeats a name', async () => {
    const before = await labelCount(org.id);
    const res = await post(org.auth, { shared_labels: [{ name: 'Twice' }, { name: 'Twice ' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'body.shared_labels.1.name', message: expect.any(String) }]);
    expect(await labelCount(org.id)).toBe(before);
  });

  it('400 with issues for a bad colour, a blank name or an empty list', async () => {
    const before = await labelCount(org.id);
    const bad = await post(org.auth, { shared_labels: [{ name: 'Ok' }, { name: ' ', color: 'blue' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'body.shared_labels.1.color',
      'body.shared_labels.1.name',
    ]);
    expect((await post(org.auth, { shared_labels: [] })).status).toBe(400);
    expect(await labelCount(org.id)).toBe(before);
  });
});
