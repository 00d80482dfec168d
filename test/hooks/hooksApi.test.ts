import request from 'supertest';
import { Conversation, Hook, Rule } from '@follow-ups/db';
import { buildApp } from '@follow-ups/ingest';
import { useTestApp, type TestApp } from '../helpers/testApp';

let org: Awaited<ReturnType<TestApp['newOrganization']>>;

const testApp = useTestApp();
beforeAll(async () => {
  org = await testApp.newOrganization();
});

const create = (auth: Record<string, string>, hooks: object, app = testApp.app) =>
  request(app).post('/v1/hooks').set(auth).send({ hooks });
const hookCount = () => Hook.countDocuments({});

describe('POST /v1/hooks', () => {
  it('creates a hook and shows its whsec_ secret once', async () => {
    const res = await create(org.auth, {
      type: 'incoming_email',
      url: 'https://crm.example.com/hooks/followups',
      organization: org.id,
    }).expect(201);
    expect(res.body.hooks).toMatchObject({
      type: 'incoming_email',
      url: 'https://crm.example.com/hooks/followups',
      organization: org.id,
      filters: {},
    });
    expect(res.body.hooks.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const listed = (await request(testApp.app).get('/v1/hooks').set(org.auth).expect(200)).body.hooks;
    expect(listed.map((h: { id: string }) => h.id)).toContain(res.body.hooks.id);
    expect(JSON.stringify(listed)).not.toContain(res.body.hooks.secret);
    expect(listed.every((h: object) => !('secret' in h))).toBe(true);
  });

  it('keeps filters on rules and conversations of the organization', async () => {
    const rule = await Rule.create({ organization: org.id, description: 'Quotes' });
    const conversation = await Conversation.create({ organization: org.id, subject: 'Quote' });
    const filters = { conversations: [String(conversation._id)], rules: [String(rule._id)] };
    const res = await create(org.auth, { type: 'followup_sent', url: 'https://crm.example.com/sent', filters }).expect(
      201,
    );
    expect(res.body.hooks.filters).toEqual(filters);
  });

  it.each([
    ['no type', { url: 'https://crm.example.com/x' }, 'body.hooks.type'],
    ['an unknown type', { type: 'new_comment', url: 'https://crm.example.com/x' }, 'body.hooks.type'],
    ['no URL', { type: 'incoming_email' }, 'body.hooks.url'],
    ['a URL that is not one', { type: 'incoming_email', url: 'crm.example.com/x' }, 'body.hooks.url'],
    ['an ftp URL', { type: 'incoming_email', url: 'ftp://crm.example.com/x' }, 'body.hooks.url'],
    [
      'a URL over 2048 characters',
      { type: 'incoming_email', url: `https://crm.example.com/${'a'.repeat(2030)}` },
      'body.hooks.url',
    ],
    ['credentials in the URL', { type: 'incoming_email', url: 'https://user:pw@crm.example.com/x' }, 'body.hooks.url'],
    ['an unknown field', { type: 'incoming_email', url: 'https://crm.example.com/x', secret: 'mine' }, 'body.hooks'],
    [
      'a filter that is not a list of ids',
      { type: 'incoming_email', url: 'https://crm.example.com/x', filters: { rules: ['nope'] } },
      'body.hooks.filters.rules.0',
    ],
    [
      'an unknown filter',
      { type: 'incoming_email', url: 'https://crm.example.com/x', filters: { labels: [] } },
      'body.hooks.filters',
    ],
  ])('answers 400 for %s and creates nothing', async (_what, hooks, path) => {
    const before = await hookCount();
    const res = await create(org.auth, hooks).expect(400);
    expect(res.body.error.code).toBe('validation_error');
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(await hookCount()).toBe(before);
  });

  it('outside test mode accepts only https to public hosts', async () => {
    const production = buildApp({ ...testApp.deps, hooksTestMode: false });
    for (const url of [
      'http://crm.example.com/x',
      'https://127.0.0.1:8443/x',
      'https://10.1.2.3/x',
      'https://[::1]/x',
      'https://169.254.169.254/latest',
      'https://localhost/x',
    ]) {
      const res = await create(org.auth, { type: 'incoming_email', url }, production).expect(400);
      expect(res.body.error.issues).toEqual([
        { path: 'body.hooks.url', message: expect.stringMatching(/https|private network/) },
      ]);
    }
    await create(org.auth, { type: 'incoming_email', url: 'https://hooks.crm.example.com/x' }, production).expect(201);
  });

  it("answers 404 for another organization, or a filter on another organization's conversation", async () => {
    const other = await testApp.newOrganization('Other Co');
    const before = await hookCount();
    const res = await create(org.auth, {
      type: 'incoming_email',
      url: 'https://crm.example.com/x',
      organization: other.id,
    }).expect(404);
    expect(res.body.error.code).toBe('not_found');
    const theirs = await Conversation.create({ organization: other.id, subject: 'Theirs' });
    await create(org.auth, {
      type: 'incoming_email',
      url: 'https://crm.example.com/x',
      filters: { conversations: [String(theirs._id)] },
    }).expect(404);
    expect(await hookCount()).toBe(before);
  });
});

describe('one organization never sees another organization’s hooks', () => {
  it('lists, deletes and shows deliveries of its own hooks only', async () => {
    const a = await testApp.newOrganization('A');
    const b = await testApp.newOrganization('B');
    const hook = (await create(a.auth, { type: 'sequence_ended', url: 'https://a.example.com/ended' }).expect(201)).body
      .hooks;

    expect((await request(testApp.app).get('/v1/hooks').set(b.auth).expect(200)).body.hooks).toEqual([]);
    expect((await request(testApp.app).delete(`/v1/hooks/${hook.id}`).set(b.auth).expect(404)).body.error.code).toBe(
      'not_found',
    );
    await request(testApp.app).get(`/v1/hooks/${hook.id}/deliveries`).set(b.auth).expect(404);
    expect(await Hook.countDocuments({ _id: hook.id })).toBe(1);

    await request(testApp.app).get(`/v1/hooks/${hook.id}/deliveries`).set(a.auth).expect(200, { deliveries: [] });
    const deleted = await request(testApp.app).delete(`/v1/hooks/${hook.id}`).set(a.auth).expect(200);
    expect(deleted.body.hooks).toMatchObject({ id: hook.id, type: 'sequence_ended' });
    expect(deleted.body.hooks.secret).toBeUndefined();
    expect((await request(testApp.app).get('/v1/hooks').set(a.auth).expect(200)).body.hooks).toEqual([]);
    await request(testApp.app).delete(`/v1/hooks/${hook.id}`).set(a.auth).expect(404);
  });

  it('answers 400 for an id that is not one and 401 without a token', async () => {
    await request(testApp.app).delete('/v1/hooks/not-an-id').set(org.auth).expect(400);
    await request(testApp.app).get('/v1/hooks').expect(401);
  });
});
