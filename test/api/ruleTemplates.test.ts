import request from 'supertest';
import { DEFAULT_FOLLOWUPS } from '@follow-ups/contract';
import { Response, Rule, SharedLabel, Team, User } from '@follow-ups/db';
import { evaluateGroup, type OutgoingMessage } from '@follow-ups/domain';
import { useTestApp, type TestApp } from '../helpers/testApp';

type Org = Awaited<ReturnType<TestApp['newOrganization']>>;

let other: Org;

const testApp = useTestApp();
beforeAll(async () => {
  other = await testApp.newOrganization('Other');
});

const PATH = '/v1/rules/templates/automatic-follow-ups';
const TRIGGER = 'Here is the quote you requested';
const api = () => request(testApp.app);
const post = (o: Org, body: object) => api().post(PATH).set(o.auth).send(body);

/** How many documents of each kind the organization has. */
async function counts(organization: string) {
  const [rules, responses, labels, users] = await Promise.all(
    [Rule, Response, SharedLabel, User].map((model) => (model as typeof Rule).countDocuments({ organization })),
  );
  return { rules, responses, labels, users };
}

const message = (body: string, from = 'ana@acme.test'): OutgoingMessage => ({
  from: { address: from },
  to: [{ address: 'buyer@prospect.test', name: 'Bo Buyer' }],
  cc: [],
  bcc: [],
  subject: 'Your quote',
  text: body,
  origin: 'api',
});

it('401 without a token or with a bad one', async () => {
  expect(
    (
      await api()
        .post(PATH)
        .send({ trigger_phrase: TRIGGER, senders: ['a@b.test'] })
    ).status,
  ).toBe(401);
  expect(
    (
      await api()
        .post(PATH)
        .set({ Authorization: 'Bearer bad' })
        .send({ trigger_phrase: TRIGGER, senders: ['a@b.test'] })
    ).status,
  ).toBe(401);
});

describe('the Missive template with its defaults', () => {
  let org: Org;
  let res: request.Response;

  beforeAll(async () => {
    org = await testApp.newOrganization();
    res = await post(org, { trigger_phrase: TRIGGER, senders: ['Ana@Acme.test', 'ana@acme.test', 'bob@acme.test'] });
  });

  it('creates one label, three canned responses and one enabled rule', async () => {
    expect(res.status).toBe(201);
    expect(res.body.shared_labels).toEqual([{ id: expect.any(String), name: 'Follow-up in progress', color: null }]);
    expect(
      res.body.responses.map((r: { title: string; body: string; subject: string | null }) => [
        r.title,
        r.body,
        r.subject,
      ]),
    ).toEqual(DEFAULT_FOLLOWUPS.map((f) => [f.title, f.body, null]));
    expect(await counts(org.id)).toEqual({ rules: 1, responses: 3, labels: 1, users: 2 });
  });

  it('has the Missive conditions: From is, body without quote contains the trigger, one "does not contain" per follow-up', () => {
    expect(res.body.rules).toMatchObject({ description: 'Automatic follow ups', enabled: true, type: 'outgoing' });
    expect(res.body.rules.conditions).toEqual({
      match: 'all',
      items: [
        { field: 'from', operator: 'is', values: ['ana@acme.test', 'bob@acme.test'] },
        { field: 'body_without_quote', operator: 'contains', values: [TRIGGER] },
        { field: 'content', operator: 'not_contains', values: ['Just checking in on the quote I sent'] },
        { field: 'content', operator: 'not_contains', values: ['Following up on my previous message'] },
        { field: 'content', operator: 'not_contains', values: ['One last note about the quote'] },
      ],
    });
  });

  it('schedules the follow-ups 1, 3 and 7 days after the initial email, in order, then adds the label', () => {
    const [r1, r2, r3] = res.body.responses.map((r: { id: string }) => r.id);
    expect(res.body.rules.actions).toEqual([
      { type: 'schedule_followup', response: r1, send_after: { amount: 1, unit: 'days' } },
      { type: 'schedule_followup', response: r2, send_after: { amount: 3, unit: 'days' } },
      { type: 'schedule_followup', response: r3, send_after: { amount: 7, unit: 'days' } },
      { type: 'add_labels', labels: [res.body.shared_labels[0].id] },
    ]);
  });

  it('stores what it returns, and registers each sender as a user with a lowercased email', async () => {
    const got = await api().get(`/v1/rules/${res.body.rules.id}`).set(org.auth);
    expect(got.body.rules).toEqual(res.body.rules);
    const users = await User.find({ organization: org.id }).sort({ email: 1 }).lean();
    expect(users.map((u) => [u.email, u.name])).toEqual([
      ['ana@acme.test', undefined],
      ['bob@acme.test', undefined],
    ]);
  });

  it('matches the initial email, but not a message carrying a follow-up phrase, nor another sender', () => {
    const { conditions } = res.body.rules;
    expect(evaluateGroup(conditions, message(`Hi Bo,\n${TRIGGER.toLowerCase()}: 1,200 EUR.`, 'ANA@acme.test'))).toBe(
      true,
    );
    expect(evaluateGroup(conditions, message(`Just checking in on the quote I sent.\n> ${TRIGGER}`))).toBe(false);
    expect(evaluateGroup(conditions, message(TRIGGER, 'eve@acme.test'))).toBe(false);
  });

  it('409 for a second rule with the same description; nothing is written', async () => {
    const before = await counts(org.id);
    const again = await post(org, { trigger_phrase: TRIGGER, senders: ['carl@acme.test'] });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(res.body.rules.id);
    expect(await counts(org.id)).toEqual(before);
  });
});

describe('custom follow-ups, team and label', () => {
  const followups = [
    {
      body: "<p>Hi {{ recipient.first_name | default: 'there' }},</p><p>Just following up on the quote I sent. Any questions?</p>",
    },
    {
      title: 'Nudge',
      subject: 'Quote for {{ recipient.first_name }}',
      body: 'Hello {{ recipient.first_name }}!\nHave you had time to look at it?',
      phrase: 'had time to look',
    },
  ];

  it('derives each missing phrase from the opening sentence of the body, Liquid removed, and adds Team is', async () => {
    const org = await testApp.newOrganization();
    const team = await Team.create({ organization: org.id, name: 'Sales' });
    const res = await post(org, {
      trigger_phrase: TRIGGER,
      senders: ['ana@acme.test'],
      team: String(team._id),
      followups,
      description: 'Quotes',
    });
    expect(res.status).toBe(201);
    expect(res.body.rules.conditions.items).toEqual([
      { field: 'from', operator: 'is', values: ['ana@acme.test'] },
      { field: 'team', operator: 'is', values: [String(team._id)] },
      { field: 'body_without_quote', operator: 'contains', values: [TRIGGER] },
      { field: 'content', operator: 'not_contains', values: ['Just following up on the quote I sent'] },
      { field: 'content', operator: 'not_contains', values: ['had time to look'] },
    ]);
    expect(res.body.responses.map((r: { title: string; subject: string | null }) => [r.title, r.subject])).toEqual([
      ['Follow-up 1', null],
      ['Nudge', 'Quote for {{ recipient.first_name }}'],
    ]);
    expect(res.body.rules.actions.map((a: { send_after?: object }) => a.send_after)).toEqual([
      { amount: 1, unit: 'days' },
      { amount: 3, unit: 'days' },
      undefined,
    ]);
  });

  it('reuses a label given by id, and one found by name, and an existing user', async () => {
    const org = await testApp.newOrganization();
    const labels = await api()
      .post('/v1/shared_labels')
      .set(org.auth)
      .send({ shared_labels: [{ name: 'Quoted', color: '#123456' }, { name: 'Deals' }] });
    const [quoted, deals] = labels.body.shared_labels;
    await User.create({ organization: org.id, email: 'ana@acme.test', name: 'Ana Seller' });

    const byId = await post(org, {
      trigger_phrase: TRIGGER,
      senders: ['ana@acme.test'],
      label: { id: quoted.id },
      description: 'By id',
    });
    expect(byId.status).toBe(201);
    expect(byId.body.shared_labels).toEqual([quoted]);
    expect(byId.body.rules.actions.at(-1)).toEqual({ type: 'add_labels', labels: [quoted.id] });

    const byName = await post(org, {
      trigger_phrase: TRIGGER,
      senders: ['ana@acme.test'],
      label: { name: ' Deals ' },
      description: 'By name',
    });
    expect(byName.status).toBe(201);
    expect(byName.body.shared_labels).toEqual([deals]);
    expect(await counts(org.id)).toEqual({ rules: 2, responses: 6, labels: 2, users: 1 });
    expect((await User.findOne({ organization: org.id }).lean())!.name).toBe('Ana Seller');
  });
});

describe('nothing is written when the request fails', () => {
  let org: Org;
  beforeAll(async () => {
    org = await testApp.newOrganization();
  });

  async function expectRejected(body: object, status: number) {
    const before = await counts(org.id);
    const res = await post(org, { trigger_phrase: TRIGGER, senders: ['new.seller@acme.test'], ...body });
    expect(res.status).toBe(status);
    expect(await counts(org.id)).toEqual(before);
    return res.body.error as { code: string; message: string; issues?: { path: string; message: string }[] };
  }

  it("404 for another organization's team or label", async () => {
    const theirTeam = await Team.create({ organization: other.id, name: 'Their sales' });
    const theirLabel = await SharedLabel.create({ organization: other.id, name: 'Theirs' });
    expect(await expectRejected({ team: String(theirTeam._id) }, 404)).toMatchObject({
      code: 'not_found',
      message: `team ${theirTeam._id} not found`,
    });
    expect((await expectRejected({ label: { id: String(theirLabel._id) } }, 404)).issues).toEqual([
      { path: 'body.label.id', message: `shared label ${theirLabel._id} not found` },
    ]);
  });

  it('400 when a phrase contains the trigger phrase, or the trigger contains the phrase', async () => {
    const error = await expectRejected(
      {
        followups: [
          { body: 'A note.', phrase: `Again: ${TRIGGER.toLowerCase()}` },
          { body: 'Here is the quote once more, see above.', phrase: 'the quote' },
        ],
      },
      400,
    );
    expect(error.issues).toEqual([
      { path: 'body.followups.0.phrase', message: expect.stringContaining('contains the trigger phrase') },
      { path: 'body.followups.1.phrase', message: expect.stringContaining('would never run') },
    ]);
  });

  it('400 when no phrase can be derived from the body, or a given phrase is not in the follow-up', async () => {
    const error = await expectRejected(
      {
        followups: [
          { body: 'Hi {{ recipient.first_name }}!' },
          { body: 'Any news on the quote?', phrase: 'something else' },
        ],
      },
      400,
    );
    expect(error.issues).toEqual([
      { path: 'body.followups.0.body', message: expect.stringContaining('give `phrase`') },
      { path: 'body.followups.1.phrase', message: expect.stringContaining('does not appear') },
    ]);
  });

  it('400 for Liquid that does not parse, and for schema errors', async () => {
    const liquid = await expectRejected({ followups: [{ body: 'Hi {{ recipient.first_name ' }] }, 400);
    expect(liquid.issues).toEqual([{ path: 'body.followups.0.body', message: expect.stringContaining('Liquid') }]);
    const schema = await expectRejected({ senders: ['not-an-email'], trigger_phrase: 'ab' }, 400);
    expect(schema.issues!.map((i) => i.path).sort()).toEqual(['body.senders.0', 'body.trigger_phrase']);
  });

  it('500 when a write fails part-way, after deleting the label, users and responses it created', async () => {
    const failure = jest.spyOn(Rule, 'create') as unknown as jest.SpyInstance;
    failure.mockRejectedValueOnce(new Error('database went away'));
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const error = await expectRejected({ label: { name: 'Brand new label' } }, 500);
      expect(error.code).toBe('internal_error');
      expect(failure).toHaveBeenCalledTimes(1);
    } finally {
      failure.mockRestore();
      quiet.mockRestore();
    }
    expect(await SharedLabel.exists({ organization: org.id, name: 'Brand new label' })).toBeNull();
    expect(await User.exists({ organization: org.id, email: 'new.seller@acme.test' })).toBeNull();
  });
});
