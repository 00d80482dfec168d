import request from 'supertest';
import { Response, Rule, SharedLabel, Team } from '@follow-ups/db';
import { useTestApp, type TestApp } from '../helpers/testApp';

type Org = Awaited<ReturnType<TestApp['newOrganization']>>;
type Fixtures = { response: string; label: string; team: string };

let org: Org;
let other: Org;
let mine: Fixtures;
let theirs: Fixtures;

async function fixtures(organization: string): Promise<Fixtures> {
  const [response, label, team] = await Promise.all([
    Response.create({ organization, title: 'Follow-up', body: 'Just checking in' }),
    SharedLabel.create({ organization, name: 'In progress' }),
    Team.create({ organization, name: 'Sales' }),
  ]);
  return { response: String(response._id), label: String(label._id), team: String(team._id) };
}

const testApp = useTestApp();
beforeAll(async () => {
  org = await testApp.newOrganization();
  other = await testApp.newOrganization('Other');
  [mine, theirs] = await Promise.all([fixtures(org.id), fixtures(other.id)]);
});

const api = () => request(testApp.app);
const ruleCount = (organization: string) => Rule.countDocuments({ organization });

function ruleBody(f: Fixtures, description = 'Quote follow ups') {
  return {
    description,
    conditions: {
      match: 'all',
      items: [
        { field: 'from', operator: 'is', values: ['ana@acme.test'] },
        { field: 'team', operator: 'is', values: [f.team] },
        { field: 'content', operator: 'contains', values: ['Here is the quote'] },
      ],
    },
    actions: [
      { type: 'schedule_followup', response: f.response, send_after: { amount: 2, unit: 'days' } },
      { type: 'add_labels', labels: [f.label] },
    ],
  };
}

async function createRule(auth: Record<string, string>, body: object) {
  const res = await api().post('/v1/rules').set(auth).send({ rules: body });
  expect(res.status).toBe(201);
  return res.body.rules as { id: string; description: string };
}

it('401 without a token or with a bad one', async () => {
  expect((await api().get('/v1/rules')).status).toBe(401);
  expect(
    (
      await api()
        .post('/v1/rules')
        .set({ Authorization: 'Bearer bad' })
        .send({ rules: ruleBody(mine) })
    ).status,
  ).toBe(401);
});

describe('CRUD', () => {
  it('creates a rule with defaults, gets it and lists rules in run order', async () => {
    const res = await api()
      .post('/v1/rules')
      .set(org.auth)
      .send({ rules: ruleBody(mine) });
    expect(res.status).toBe(201);
    expect(res.body.rules).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      ...ruleBody(mine),
      enabled: true,
      type: 'outgoing',
      sending: null,
      created_at: expect.any(Number),
      modified_at: expect.any(Number),
    });
    const got = await api().get(`/v1/rules/${res.body.rules.id}`).set(org.auth);
    expect(got.status).toBe(200);
    expect(got.body.rules).toEqual(res.body.rules);

    await createRule(org.auth, ruleBody(mine, 'another rule'));
    await createRule(org.auth, ruleBody(mine, 'Zebra'));
    const list = await api().get('/v1/rules').set(org.auth);
    expect(list.body.rules.map((r: { description: string }) => r.description)).toEqual([
      'another rule',
      'Quote follow ups',
      'Zebra',
    ]);
    expect((await api().get('/v1/rules').set(other.auth)).body).toEqual({ rules: [] });
  });

  it('updates the given fields, replacing conditions and actions as a whole', async () => {
    const rule = await createRule(org.auth, ruleBody(mine, 'To update'));
    const res = await api()
      .patch(`/v1/rules/${rule.id}`)
      .set(org.auth)
      .send({ rules: { enabled: false, actions: [{ type: 'add_labels', labels: [mine.label] }] } });
    expect(res.status).toBe(200);
    expect(res.body.rules).toMatchObject({
      id: rule.id,
      description: 'To update',
      enabled: false,
      conditions: ruleBody(mine).conditions,
      actions: [{ type: 'add_labels', labels: [mine.label] }],
    });
    expect((await Rule.findById(rule.id).lean())!.enabled).toBe(false);
  });

  it('deletes a rule and returns it', async () => {
    const rule = await createRule(org.auth, ruleBody(mine, 'To delete'));
    const res = await api().delete(`/v1/rules/${rule.id}`).set(org.auth);
    expect(res.status).toBe(200);
    expect(res.body.rules).toMatchObject({ id: rule.id, description: 'To delete' });
    expect(await Rule.exists({ _id: rule.id })).toBeNull();
    expect((await api().get(`/v1/rules/${rule.id}`).set(org.auth)).status).toBe(404);
    expect((await api().delete(`/v1/rules/${rule.id}`).set(org.auth)).status).toBe(404);
  });
});

describe("another organization's ids", () => {
  it('404 on get, update and delete of its rule, which stays as it was', async () => {
    const rule = await createRule(other.auth, ruleBody(theirs, 'Theirs'));
    expect((await api().get(`/v1/rules/${rule.id}`).set(org.auth)).status).toBe(404);
    const patch = await api()
      .patch(`/v1/rules/${rule.id}`)
      .set(org.auth)
      .send({ rules: { enabled: false } });
    expect(patch.status).toBe(404);
    expect(patch.body.error.code).toBe('not_found');
    expect((await api().delete(`/v1/rules/${rule.id}`).set(org.auth)).status).toBe(404);
    expect(await Rule.findById(rule.id).lean()).toMatchObject({ description: 'Theirs', enabled: true });
  });

  it.each([
    ['canned response', 'response', 'body.rules.actions.0.response'],
    ['shared label', 'label', 'body.rules.actions.1.labels.0'],
    ['team', 'team', 'body.rules.conditions.items.1.values.0'],
  ] as const)('404 naming a %s of another organization; nothing is written', async (kind, key, path) => {
    const before = await ruleCount(org.id);
    const res = await api()
      .post('/v1/rules')
      .set(org.auth)
      .send({ rules: ruleBody({ ...mine, [key]: theirs[key] }) });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(`${kind} ${theirs[key]} not found`);
    expect(res.body.error.issues).toEqual([{ path, message: expect.stringContaining(theirs[key]) }]);
    expect(await ruleCount(org.id)).toBe(before);
  });

  it("404 when an update names another organization's response; the rule is unchanged", async () => {
    const rule = await createRule(org.auth, ruleBody(mine, 'Guarded'));
    const res = await api()
      .patch(`/v1/rules/${rule.id}`)
      .set(org.auth)
      .send({
        rules: {
          actions: [{ type: 'schedule_followup', response: theirs.response, send_after: { amount: 1, unit: 'days' } }],
        },
      });
    expect(res.status).toBe(404);
    expect((await Rule.findById(rule.id).lean())!.actions).toHaveLength(2);
  });
});

describe('validation', () => {
  it('400 with issues for an operator the field does not take, no actions, or a team value that is not an id; nothing is written', async () => {
    const before = await ruleCount(org.id);
    const body = ruleBody(mine);
    const wrongOperator = {
      ...body,
      conditions: { match: 'all', items: [{ field: 'from', operator: 'contains', values: ['x'] }] },
    };
    const res = await api()
      .post('/v1/rules')
      .set(org.auth)
      .send({ rules: { ...wrongOperator, actions: [] } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'body.rules.actions',
      'body.rules.conditions.items.0.operator',
    ]);

    const teamName = {
      ...body,
      conditions: { match: 'all', items: [{ field: 'team', operator: 'is', values: ['Sales'] }] },
    };
    const team = await api().post('/v1/rules').set(org.auth).send({ rules: teamName });
    expect(team.status).toBe(400);
    expect(team.body.error.issues).toEqual([
      { path: 'body.rules.conditions.items.0.values.0', message: expect.any(String) },
    ]);

    const unknownAction = await api()
      .post('/v1/rules')
      .set(org.auth)
      .send({ rules: { ...body, actions: [{ type: 'send_now' }] } });
    expect(unknownAction.status).toBe(400);
    expect(await ruleCount(org.id)).toBe(before);
  });

  it('400 for an empty update', async () => {
    const rule = await createRule(org.auth, ruleBody(mine, 'Unchanged'));
    expect((await api().patch(`/v1/rules/${rule.id}`).set(org.auth).send({ rules: {} })).status).toBe(400);
  });
});
