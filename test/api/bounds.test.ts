// The bounds of rules, rule templates, canned responses and labels, and malformed URLs and bodies:
// just inside a bound is accepted; just outside is a 400 naming the field, and nothing is written.
import request from 'supertest';
import { Response, Rule, SharedLabel } from '@follow-ups/db';
import { useTestApp, type TestApp } from '../helpers/testApp';

type Org = Awaited<ReturnType<TestApp['newOrganization']>>;
type Issue = { path: string; message: string };
type Fields = Record<string, unknown>;

let org: Org;
let response: string;
let labels: string[];

const testApp = useTestApp();
beforeAll(async () => {
  org = await testApp.newOrganization();
  response = String(
    (await Response.create({ organization: org.id, title: 'Follow-up', body: 'Just checking in' }))._id,
  );
  const created = await SharedLabel.insertMany(
    Array.from({ length: 101 }, (_, i) => ({ organization: org.id, name: `Label ${i}` })),
  );
  labels = created.map((l) => String(l._id));
});

const api = () => request(testApp.app);

/** Every document a write through these routes could leave behind, in every organization. */
async function footprint() {
  const [rules, responses, sharedLabels] = await Promise.all([
    Rule.countDocuments({}),
    Response.countDocuments({}),
    SharedLabel.countDocuments({}),
  ]);
  return { rules, responses, sharedLabels };
}

/** Posts `outside` (a 400 naming `path`, nothing written), then `inside` (accepted). Thunks: ids exist only after beforeAll. */
async function expectBound(
  send: (body: Fields) => request.Test,
  inside: () => Fields,
  outside: () => Fields,
  path: string,
) {
  const before = await footprint();
  const res = await send(outside());
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('validation_error');
  expect(res.body.error.issues.map((i: Issue) => i.path)).toContain(path);
  expect(await footprint()).toEqual(before);
  const accepted = await send(inside());
  expect(accepted.body.error).toBeUndefined();
  expect(accepted.status).toBeLessThan(300);
}

const followUp = (amount: number, unit = 'days') => ({
  type: 'schedule_followup',
  response,
  send_after: { amount, unit },
});
const condition = (values: string[] = ['Here is the quote']) => ({ field: 'content', operator: 'contains', values });
const rule = (fields: Fields = {}) => ({
  description: 'Quote follow ups',
  conditions: { match: 'all', items: [condition()] },
  actions: [followUp(2)],
  ...fields,
});
const postRule = (fields: Fields) =>
  api()
    .post('/v1/rules')
    .set(org.auth)
    .send({ rules: rule(fields) });

describe('POST /v1/rules', () => {
  it.each([
    ['365 days', 365, 366, 'days'],
    ['8,760 hours', 8760, 8761, 'hours'],
    ['525,600 minutes', 525_600, 525_601, 'minutes'],
  ] as const)('a delay of at most a year: %s', async (_name, inside, outside, unit) => {
    await expectBound(
      postRule,
      () => ({ actions: [followUp(inside, unit)] }),
      () => ({ actions: [followUp(outside, unit)] }),
      'body.rules.actions.0.send_after.amount',
    );
  });

  it.each([
    ['1e9 days (past the Temporal timer cap)', 1e9],
    ['a fraction', 1.5],
    ['zero', 0],
    ['a negative delay', -1],
  ])('rejects a delay of %s', async (_name, amount) => {
    await expectBound(
      postRule,
      () => ({ actions: [followUp(1)] }),
      () => ({ actions: [followUp(amount)] }),
      'body.rules.actions.0.send_after.amount',
    );
  });

  it.each([
    [
      '50 conditions',
      () => ({ conditions: { match: 'all', items: Array.from({ length: 50 }, () => condition()) } }),
      () => ({ conditions: { match: 'all', items: Array.from({ length: 51 }, () => condition()) } }),
      'body.rules.conditions.items',
    ],
    [
      '100 values in a condition',
      () => ({ conditions: { match: 'any', items: [condition(Array.from({ length: 100 }, (_, i) => `q${i}`))] } }),
      () => ({ conditions: { match: 'any', items: [condition(Array.from({ length: 101 }, (_, i) => `q${i}`))] } }),
      'body.rules.conditions.items.0.values',
    ],
    [
      'a 500-character value',
      () => ({ conditions: { match: 'all', items: [condition(['v'.repeat(500)])] } }),
      () => ({ conditions: { match: 'all', items: [condition(['v'.repeat(501)])] } }),
      'body.rules.conditions.items.0.values.0',
    ],
    [
      '20 actions',
      () => ({ actions: Array.from({ length: 20 }, (_, i) => followUp(i + 1)) }),
      () => ({ actions: Array.from({ length: 21 }, (_, i) => followUp(i + 1)) }),
      'body.rules.actions',
    ],
    [
      '100 labels in an action',
      () => ({ actions: [{ type: 'add_labels', labels: labels.slice(0, 100) }] }),
      () => ({ actions: [{ type: 'add_labels', labels }] }),
      'body.rules.actions.0.labels',
    ],
    [
      'a 200-character description',
      () => ({ description: 'd'.repeat(200) }),
      () => ({ description: 'd'.repeat(201) }),
      'body.rules.description',
    ],
  ])('%s', async (_name, inside, outside, path) => {
    await expectBound(postRule, inside, outside, path);
  });

  it('PATCH with a delay past a year is a 400 and the rule keeps its delay', async () => {
    const created = (await postRule({}).expect(201)).body.rules;
    const res = await api()
      .patch(`/v1/rules/${created.id}`)
      .set(org.auth)
      .send({ rules: { actions: [followUp(1e9)] } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: Issue) => i.path)).toContain('body.rules.actions.0.send_after.amount');
    expect((await api().get(`/v1/rules/${created.id}`).set(org.auth).expect(200)).body.rules.actions).toEqual(
      created.actions,
    );
  });
});

describe('POST /v1/rules/templates/automatic-follow-ups', () => {
  let n = 0;
  const postTemplate = (fields: Fields) =>
    api()
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({
        trigger_phrase: 'Here is the quote',
        senders: ['ana@acme.test'],
        description: `Template ${n++}`,
        label: { name: `Template label ${n}` },
        ...fields,
      });
  const followups = (fields: Fields) => [{ body: 'Just checking in', ...fields }];

  it.each([
    [
      'a follow-up a year after',
      () => ({ followups: followups({ send_after: { amount: 365, unit: 'days' } }) }),
      () => ({ followups: followups({ send_after: { amount: 366, unit: 'days' } }) }),
      'body.followups.0.send_after.amount',
    ],
    [
      'a control character in a follow-up subject (line breaks are Liquid syntax there)',
      () => ({ followups: followups({ subject: 'Checking in\n{{ recipient.first_name }}' }) }),
      () => ({ followups: followups({ subject: 'Checking in\u0000' }) }),
      'body.followups.0.subject',
    ],
    [
      'a 64-character local part in senders',
      () => ({ senders: [`${'s'.repeat(64)}@acme.test`] }),
      () => ({ senders: [`${'s'.repeat(65)}@acme.test`] }),
      'body.senders.0',
    ],
    [
      '100 senders',
      () => ({ senders: Array.from({ length: 100 }, (_, i) => `s${i}@acme.test`) }),
      () => ({ senders: Array.from({ length: 101 }, (_, i) => `s${i}@acme.test`) }),
      'body.senders',
    ],
    [
      'a 500-character trigger phrase',
      () => ({ trigger_phrase: 't'.repeat(500) }),
      () => ({ trigger_phrase: 't'.repeat(501) }),
      'body.trigger_phrase',
    ],
    [
      'a 100,000-character follow-up body',
      () => ({ followups: followups({ body: `About the quote. ${'b'.repeat(100_000 - 17)}` }) }),
      () => ({ followups: followups({ body: `About the quote. ${'b'.repeat(100_001 - 17)}` }) }),
      'body.followups.0.body',
    ],
  ])('%s', async (_name, inside, outside, path) => {
    await expectBound(postTemplate, inside, outside, path);
  });
});

describe('POST and PATCH /v1/responses', () => {
  const postResponses = (fields: Fields) => api().post('/v1/responses').set(org.auth).send(fields);
  const one = (fields: Fields = {}) => ({ responses: [{ title: 'Checking in', body: 'Just checking in', ...fields }] });

  it.each([
    [
      'a control character in a subject (line breaks are Liquid syntax there)',
      () => one({ subject: 'About\r\nyour quote' }),
      () => one({ subject: 'About\u001byour quote' }),
      'body.responses.0.subject',
    ],
    [
      'a 500-character subject',
      () => one({ subject: 's'.repeat(500) }),
      () => one({ subject: 's'.repeat(501) }),
      'body.responses.0.subject',
    ],
    [
      'a 100,000-character body',
      () => one({ body: 'b'.repeat(100_000) }),
      () => one({ body: 'b'.repeat(100_001) }),
      'body.responses.0.body',
    ],
    [
      '50 responses in one call',
      () => ({ responses: Array.from({ length: 50 }, (_, i) => ({ title: `R${i}`, body: 'Hi' })) }),
      () => ({ responses: Array.from({ length: 51 }, (_, i) => ({ title: `R${i}`, body: 'Hi' })) }),
      'body.responses',
    ],
  ])('%s', async (_name, inside, outside, path) => {
    await expectBound(postResponses, inside, outside, path);
  });

  it('PATCH with a control character in the subject is a 400 and the response is unchanged', async () => {
    const res = await api()
      .patch(`/v1/responses/${response}`)
      .set(org.auth)
      .send({ responses: { subject: 'Hi\u0000there' } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: Issue) => i.path)).toContain('body.responses.subject');
    expect(await Response.findById(response).lean()).toMatchObject({ body: 'Just checking in' });
    expect((await Response.findById(response).lean())?.subject).toBeUndefined();
  });
});

describe('POST /v1/shared_labels', () => {
  it('at most 50 labels in one call', async () => {
    const names = (n: number, tag: string) => ({
      shared_labels: Array.from({ length: n }, (_, i) => ({ name: `${tag} ${i}` })),
    });
    await expectBound(
      (body) => api().post('/v1/shared_labels').set(org.auth).send(body),
      () => names(50, 'In'),
      () => names(51, 'Out'),
      'body.shared_labels',
    );
  });
});

describe('malformed requests are 400, not 500', () => {
  it.each([
    ['GET', '/v1/conversations/%E0%A4%A'],
    ['GET', '/v1/conversations/%E0%A4%A/messages'],
    ['GET', '/v1/conversations/%ZZ/drafts'],
    ['GET', '/v1/rules/%E0%A4%A'],
    ['DELETE', '/v1/drafts/%C0%AF'],
    ['GET', '/v1/sequences/%E0%A4%A'],
  ] as const)('%s %s (broken percent-encoding)', async (method, url) => {
    const res = await (method === 'GET' ? api().get(url) : api().delete(url)).set(org.auth);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_error', message: expect.stringMatching(/URL/) });
  });

  it.each([
    ['an unsupported charset', { 'Content-Type': 'application/json; charset=x-no-such-charset' }],
    ['an unsupported Content-Encoding', { 'Content-Type': 'application/json', 'Content-Encoding': 'br-unknown' }],
  ])('a body with %s', async (_name, headers) => {
    const before = await footprint();
    const res = await api()
      .post('/v1/shared_labels')
      .set(org.auth)
      .set(headers)
      .send('{"shared_labels":[{"name":"Encoded"}]}');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
    expect(await footprint()).toEqual(before);
  });
});
