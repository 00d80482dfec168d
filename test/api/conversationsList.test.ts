// GET /v1/conversations with Missive's filters that apply here and `until` paging, and
// PATCH /v1/shared_labels/:id, on FerretDB through the real app.
import request from 'supertest';
import { Conversation, SharedLabel, Team } from '@follow-ups/db';
import { startTestApp, type TestApp } from '../helpers/testApp';
import { postDraft, type Org } from '../drafts/fixtures';

type Listed = {
  id: string;
  subject: string;
  last_activity_at: number;
  shared_labels: { id: string; name: string }[];
  team: string | null;
  closed_at: number | null;
};

let testApp: TestApp;
let org: Org;
let label: string;
let team: string;
/** Conversation ids, newest activity first. */
const ids: string[] = [];

beforeAll(async () => {
  testApp = await startTestApp();
  org = await testApp.newOrganization();
  label = String((await SharedLabel.create({ organization: org.id, name: 'Follow-up in progress' }))._id);
  team = String((await Team.create({ organization: org.id, name: 'Sales' }))._id);
  const sends: Record<string, unknown>[] = [
    { subject: 'Deal 1', add_shared_labels: [label] },
    { subject: 'Deal 2', team },
    { subject: 'Deal 3', to_fields: [{ address: 'Bob@Prospect.test' }], add_shared_labels: [label] },
    { subject: 'Deal 4', team, close: true },
    { subject: 'Deal 5', add_shared_labels: [label] },
  ];
  const created: string[] = [];
  for (const fields of sends)
    created.push((await postDraft(testApp, org, fields).expect(201)).body.drafts.conversation);
  // Spread their last activity over distinct minutes (Deal 5 newest), as days of real use would.
  const now = Date.now();
  for (const [i, id] of created.entries())
    await Conversation.updateOne(
      { _id: id },
      { $set: { lastActivityAt: new Date(now - (created.length - i) * 60_000) } },
    );
  ids.push(...created.reverse());
});
afterAll(() => testApp.close());

const list = (query: Record<string, string | number>, o: Org = org) =>
  request(testApp.app).get('/v1/conversations').query(query).set(o.auth);
const listed = async (query: Record<string, string | number>): Promise<Listed[]> =>
  (await list(query).expect(200)).body.conversations;

it('lists newest activity first, at most `limit`', async () => {
  const page = await listed({ limit: 3 });
  expect(page.map((c) => c.id)).toEqual(ids.slice(0, 3));
  expect(page.map((c) => c.subject)).toEqual(['Deal 5', 'Deal 4', 'Deal 3']);
});

it('pages with `until` (the oldest last_activity_at of the previous page) through every conversation once', async () => {
  const seen: string[] = [];
  let until: number | undefined;
  for (let pages = 0; pages < 10; pages++) {
    const page = await listed(until === undefined ? { limit: 2 } : { limit: 2, until });
    for (const c of page) if (!seen.includes(c.id)) seen.push(c.id);
    if (page.length < 2) break;
    until = page[page.length - 1].last_activity_at;
  }
  expect(seen).toEqual(ids);
});

it('filters by shared_label, team_all, email (any case) and closed, combined', async () => {
  expect((await listed({ shared_label: label })).map((c) => c.subject)).toEqual(['Deal 5', 'Deal 3', 'Deal 1']);
  expect((await listed({ team_all: team })).map((c) => c.subject)).toEqual(['Deal 4', 'Deal 2']);
  expect((await listed({ email: 'bob@PROSPECT.test' })).map((c) => c.subject)).toEqual(['Deal 3']);
  expect((await listed({ closed: 'true' })).map((c) => c.subject)).toEqual(['Deal 4']);
  expect((await listed({ team_all: team, closed: 'false' })).map((c) => c.subject)).toEqual(['Deal 2']);
  const [labelled] = await listed({ shared_label: label, limit: 1 });
  expect(labelled.shared_labels).toEqual([{ id: label, name: 'Follow-up in progress' }]);
});

it.each([
  ['a limit above 50', { limit: 51 }, 'query.limit'],
  ['a limit of 0', { limit: 0 }, 'query.limit'],
  ['an `until` that is not a number', { until: 'yesterday' }, 'query.until'],
  ['a label that is not an id', { shared_label: 'Follow-up' }, 'query.shared_label'],
  ['an invalid email', { email: 'bob' }, 'query.email'],
])('%s is a 400 naming the parameter', async (_what, query, path) => {
  const res = await list(query).expect(400);
  expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
});

it('a Missive filter that does not apply here (`inbox`) is a 400 that names it, not ignored', async () => {
  const res = await list({ inbox: 'true' }).expect(400);
  expect(JSON.stringify(res.body.error.issues)).toContain('inbox');
});

it("another organization's label or team is a 404, and its conversations are never listed", async () => {
  const other = await testApp.newOrganization('Other');
  await list({ shared_label: label }, other).expect(404);
  await list({ team_all: team }, other).expect(404);
  expect((await list({}, other).expect(200)).body.conversations).toEqual([]);
});

describe('PATCH /v1/shared_labels/:id', () => {
  const patch = (id: string, body: object, o: Org = org) =>
    request(testApp.app).patch(`/v1/shared_labels/${id}`).set(o.auth).send(body);

  it('renames and recolours a label; its conversations keep it', async () => {
    const res = await patch(label, { shared_labels: { name: 'Deal in progress', color: '#2f80ed' } }).expect(200);
    expect(res.body.shared_labels).toEqual([{ id: label, name: 'Deal in progress', color: '#2f80ed' }]);
    const page = await listed({ shared_label: label });
    expect(page).toHaveLength(3);
    expect(page[0].shared_labels).toEqual([{ id: label, name: 'Deal in progress' }]);
  });

  it('409 for a name another label has, 404 for another organization, 400 for nothing to change', async () => {
    await SharedLabel.create({ organization: org.id, name: 'Won' });
    expect((await patch(label, { shared_labels: { name: 'Won' } }).expect(409)).body.error.code).toBe('conflict');
    await patch(label, { shared_labels: { name: 'Theirs now' } }, await testApp.newOrganization('Intruder')).expect(
      404,
    );
    await patch(label, { shared_labels: {} }).expect(400);
    await patch(label, { shared_labels: { name: 'X', parent: 'y' } }).expect(400);
    expect((await SharedLabel.findById(label).lean())?.name).toBe('Deal in progress');
  });
});
