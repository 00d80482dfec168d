import request from 'supertest';
import { Response } from '@follow-ups/db';
import { useTestApp, type TestApp } from '../helpers/testApp';

let org: Awaited<ReturnType<TestApp['newOrganization']>>;
let other: Awaited<ReturnType<TestApp['newOrganization']>>;

const testApp = useTestApp();
beforeAll(async () => {
  org = await testApp.newOrganization();
  other = await testApp.newOrganization('Other');
});

const api = () => request(testApp.app);
const responseCount = (organization: string) => Response.countDocuments({ organization });
const checkingIn = {
  title: 'Checking in',
  body: "Hi {{ recipient.first_name | default: 'there' }}, just checking in.",
};

async function createOne(auth: Record<string, string>, fields: object = checkingIn) {
  const res = await api()
    .post('/v1/responses')
    .set(auth)
    .send({ responses: [fields] });
  expect(res.status).toBe(201);
  return res.body.responses[0] as { id: string; title: string; subject: string | null; body: string };
}

it('401 without a token or with a bad one', async () => {
  expect((await api().get('/v1/responses')).status).toBe(401);
  expect(
    (
      await api()
        .post('/v1/responses')
        .set({ Authorization: 'Bearer nope' })
        .send({ responses: [checkingIn] })
    ).status,
  ).toBe(401);
});

describe('create and list', () => {
  it('creates canned responses and lists them by title', async () => {
    const started = Math.floor(Date.now() / 1000);
    const res = await api()
      .post('/v1/responses')
      .set(org.auth)
      .send({
        responses: [
          { title: 'Follow-up 10', body: 'Last one' },
          { ...checkingIn, subject: 'About {{ conversation.subject }}' },
          { title: 'Follow-up 2', body: 'Second' },
        ],
      });
    expect(res.status).toBe(201);
    expect(res.body.responses[1]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      title: 'Checking in',
      subject: 'About {{ conversation.subject }}',
      body: checkingIn.body,
      attachments: [],
      created_at: expect.any(Number),
      modified_at: expect.any(Number),
    });
    expect(res.body.responses[1].created_at).toBeGreaterThanOrEqual(started - 1);
    expect(res.body.responses[1].created_at).toBeLessThan(started + 60);
    expect(res.body.responses[0].subject).toBeNull();

    const list = await api().get('/v1/responses').set(org.auth);
    expect(list.status).toBe(200);
    expect(list.body.responses.map((r: { title: string }) => r.title)).toEqual([
      'Checking in',
      'Follow-up 2',
      'Follow-up 10',
    ]);
    expect((await api().get('/v1/responses').set(other.auth)).body).toEqual({ responses: [] });
  });

  it('400 naming every template that does not parse as Liquid; nothing is written', async () => {
    const before = await responseCount(org.id);
    const res = await api()
      .post('/v1/responses')
      .set(org.auth)
      .send({
        responses: [checkingIn, { title: 'Broken', subject: 'Hi {{ user.name', body: 'Hello {% if recipient %}' }],
      });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'body.responses.1.subject',
      'body.responses.1.body',
    ]);
    expect(await responseCount(org.id)).toBe(before);
  });

  it('400 for a blank body or a missing title; nothing is written', async () => {
    const before = await responseCount(org.id);
    const res = await api()
      .post('/v1/responses')
      .set(org.auth)
      .send({ responses: [{ body: '   ' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'body.responses.0.body',
      'body.responses.0.title',
    ]);
    expect(await responseCount(org.id)).toBe(before);
  });
});

describe('update', () => {
  it('changes the given fields and clears the subject with null', async () => {
    const created = await createOne(org.auth, { ...checkingIn, subject: 'Quote' });
    const res = await api()
      .patch(`/v1/responses/${created.id}`)
      .set(org.auth)
      .send({ responses: { title: 'Renamed', subject: null } });
    expect(res.status).toBe(200);
    expect(res.body.responses).toEqual([
      expect.objectContaining({ id: created.id, title: 'Renamed', subject: null, body: checkingIn.body }),
    ]);
    const stored = await Response.findById(created.id).lean();
    expect(stored).toMatchObject({ title: 'Renamed', body: checkingIn.body });
    expect(stored!.subject).toBeUndefined();
  });

  it('400 for Liquid that does not parse, leaving the response unchanged', async () => {
    const created = await createOne(org.auth);
    const res = await api()
      .patch(`/v1/responses/${created.id}`)
      .set(org.auth)
      .send({ responses: { body: '{{ oops' } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([
      { path: 'body.responses.body', message: expect.stringContaining('Liquid') },
    ]);
    expect((await Response.findById(created.id).lean())!.body).toBe(checkingIn.body);
  });

  it('400 for an empty change or a malformed id', async () => {
    const created = await createOne(org.auth);
    expect((await api().patch(`/v1/responses/${created.id}`).set(org.auth).send({ responses: {} })).status).toBe(400);
    const bad = await api()
      .patch('/v1/responses/not-an-id')
      .set(org.auth)
      .send({ responses: { title: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('params.id');
  });

  it("404 for another organization's response, which stays unchanged", async () => {
    const theirs = await createOne(other.auth);
    const res = await api()
      .patch(`/v1/responses/${theirs.id}`)
      .set(org.auth)
      .send({ responses: { title: 'Hijacked' } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect((await Response.findById(theirs.id).lean())!.title).toBe(checkingIn.title);
    expect(
      (
        await api()
          .patch('/v1/responses/0123456789abcdef01234567')
          .set(org.auth)
          .send({ responses: { title: 'x' } })
      ).status,
    ).toBe(404);
  });
});
