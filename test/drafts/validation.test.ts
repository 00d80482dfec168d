// POST /v1/drafts input errors, authentication, organization isolation and DELETE conflicts,
// against the real ingest app (FerretDB, Temporal, SendGrid sink).
import request from 'supertest';
import { Team } from '@follow-ups/db';
import { startTestApp, type TestApp } from '../helpers/testApp';
import { eventually, newTaskQueue } from '../helpers/testWorker';
import {
  draftsOf,
  footprint,
  inSeconds,
  postDraft,
  startWorker,
  terminateRunning,
  type ApiDraft,
  type Org,
} from './fixtures';

type Issue = { path: string; message: string };

let testApp: TestApp;
let org: Org;
const taskQueue = newTaskQueue();
const api = () => request(testApp.app);

beforeAll(async () => {
  testApp = await startTestApp({ taskQueue });
  org = await testApp.newOrganization();
});
afterAll(async () => {
  await terminateRunning(testApp, taskQueue);
  await testApp.close();
});

describe('POST /v1/drafts rejects bad input with a 400 that names the field, and writes nothing', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['missing to_fields', { to_fields: undefined }, 'body.drafts.to_fields'],
    ['empty to_fields', { to_fields: [] }, 'body.drafts.to_fields'],
    ['an invalid recipient address', { to_fields: [{ address: 'not-an-email' }] }, 'body.drafts.to_fields.0.address'],
    ['an invalid from address', { from_field: { address: 'alex at seller' } }, 'body.drafts.from_field.address'],
    ['both send and send_at', { send: true, send_at: inSeconds(3600) }, 'body.drafts.send_at'],
    ['auto_followup without send_at', { send: true, auto_followup: true }, 'body.drafts.auto_followup'],
    ['send_at in milliseconds', { send: undefined, send_at: Date.now() + 3_600_000 }, 'body.drafts.send_at'],
    ['send_at in the past', { send: undefined, send_at: inSeconds(-60) }, 'body.drafts.send_at'],
    ['send_at now', { send: undefined, send_at: inSeconds(0) }, 'body.drafts.send_at'],
    ['no subject on a new conversation', { subject: '   ' }, 'body.drafts.subject'],
    ['an empty body', { body: '' }, 'body.drafts.body'],
    ['a conversation id that is not an id', { conversation: 'abc' }, 'body.drafts.conversation'],
  ];

  it.each(cases)('%s', async (_name, fields, path) => {
    const before = await footprint(testApp);
    const res = await postDraft(testApp, org, fields);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
    expect(res.body.error.issues.map((i: Issue) => i.path)).toContain(path);
    expect(await footprint(testApp)).toEqual(before);
  });

  it('a body that is not JSON', async () => {
    const before = await footprint(testApp);
    const res = await api()
      .post('/v1/drafts')
      .set(org.auth)
      .set('Content-Type', 'application/json')
      .send('{"drafts": {"subject": "Hi",');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_error', message: expect.stringMatching(/JSON/) });
    expect(await footprint(testApp)).toEqual(before);
  });

  it.each([
    ['an array', [], 'body'],
    ['a JSON string', '"send this"', null],
    ['`drafts` as a string', { drafts: 'send this' }, 'body.drafts'],
    ['no `drafts` at all', { subject: 'Hi' }, 'body.drafts'],
  ] as const)('a body that is not the expected object: %s', async (_name, payload, path) => {
    const before = await footprint(testApp);
    const res = await api()
      .post('/v1/drafts')
      .set(org.auth)
      .set('Content-Type', 'application/json')
      .send(typeof payload === 'string' ? payload : JSON.stringify(payload));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
    if (path) expect(res.body.error.issues.map((i: Issue) => i.path)).toContain(path);
    expect(await footprint(testApp)).toEqual(before);
  });
});

describe('POST /v1/drafts bounds: just inside is accepted, just outside is a 400 naming the field, and nothing is written', () => {
  const DAY = 86_400;
  const people = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => ({ address: `${tag}${i}@prospect.test` }));
  /** An address of exactly `length` characters with a local part of `local` characters. */
  const addressOf = (length: number, local = 64) => {
    const domain = length - local - 1;
    const labels = ['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(domain - 63 - 63 - 3 - 4), 'test'];
    return `${'l'.repeat(local)}@${labels.join('.')}`;
  };
  let labels: string[];
  beforeAll(async () => {
    labels = [];
    for (const batch of [0, 1]) {
      const created = await api()
        .post('/v1/shared_labels')
        .set(org.auth)
        .send({ shared_labels: Array.from({ length: 50 }, (_, i) => ({ name: `Bound ${batch}-${i}` })) })
        .expect(201);
      labels.push(...created.body.shared_labels.map((l: { id: string }) => l.id));
    }
    labels.push('0123456789abcdef01234567');
  });

  const bounds: [string, () => Record<string, unknown>, () => Record<string, unknown>, string][] = [
    [
      '1,000 recipients in to + cc + bcc',
      () => ({ cc_fields: people(499, 'c'), bcc_fields: people(500, 'b') }),
      () => ({ cc_fields: people(499, 'c'), bcc_fields: people(501, 'b') }),
      'body.drafts.bcc_fields',
    ],
    [
      '1,000 recipients in to alone',
      () => ({ to_fields: people(1000, 't') }),
      () => ({ to_fields: people(1001, 't') }),
      'body.drafts.to_fields',
    ],
    [
      'a 64-character local part',
      () => ({ to_fields: [{ address: `${'x'.repeat(64)}@prospect.test` }] }),
      () => ({ to_fields: [{ address: `${'x'.repeat(65)}@prospect.test` }] }),
      'body.drafts.to_fields.0.address',
    ],
    [
      'a 254-character address',
      () => ({ to_fields: [{ address: addressOf(254) }] }),
      () => ({ to_fields: [{ address: addressOf(255) }] }),
      'body.drafts.to_fields.0.address',
    ],
    [
      'a 63-character domain label',
      () => ({ cc_fields: [{ address: `jo@${'d'.repeat(63)}.test` }] }),
      () => ({ cc_fields: [{ address: `jo@${'d'.repeat(64)}.test` }] }),
      'body.drafts.cc_fields.0.address',
    ],
    [
      'a 300-character local part (from)',
      () => ({}),
      () => ({ from_field: { address: `${'x'.repeat(300)}@seller.test` } }),
      'body.drafts.from_field.address',
    ],
    [
      'a 500-character subject',
      () => ({ subject: 's'.repeat(500) }),
      () => ({ subject: 's'.repeat(501) }),
      'body.drafts.subject',
    ],
    [
      'CR/LF in the subject',
      () => ({ subject: 'Your quote: Q3' }),
      () => ({ subject: 'Your quote\r\nBcc: all@victims.test' }),
      'body.drafts.subject',
    ],
    [
      'a tab or NUL in the subject',
      () => ({ subject: 'Quote' }),
      () => ({ subject: 'Quote\u0000\tQ3' }),
      'body.drafts.subject',
    ],
    [
      'a 200-character display name',
      () => ({ to_fields: [{ address: 'jane@prospect.test', name: 'n'.repeat(200) }] }),
      () => ({ to_fields: [{ address: 'jane@prospect.test', name: 'n'.repeat(201) }] }),
      'body.drafts.to_fields.0.name',
    ],
    [
      'CR/LF in a display name',
      () => ({ from_field: { address: 'alex@seller.test', name: 'Alex Seller' } }),
      () => ({ from_field: { address: 'alex@seller.test', name: 'Alex\r\nBcc: x@y.test' } }),
      'body.drafts.from_field.name',
    ],
    [
      'a Unicode line separator in a display name',
      () => ({}),
      () => ({ bcc_fields: [{ address: 'b@prospect.test', name: 'B\u2028C' }] }),
      'body.drafts.bcc_fields.0.name',
    ],
    [
      'CR/LF in a reference',
      () => ({ references: ['<a.1@seller.test>'] }),
      () => ({ references: ['<a.1@seller.test>\r\nBcc: x@y.test'] }),
      'body.drafts.references.0',
    ],
    [
      'a reference that is not a Message-ID',
      () => ({ references: ['<a.2@seller.test>'] }),
      () => ({ references: ['a.2@seller.test'] }),
      'body.drafts.references.0',
    ],
    [
      '100 references',
      () => ({ references: Array.from({ length: 100 }, (_, i) => `<r${i}@seller.test>`) }),
      () => ({ references: Array.from({ length: 101 }, (_, i) => `<r${i}@seller.test>`) }),
      'body.drafts.references',
    ],
    [
      'a 1,000,000-character body',
      () => ({ body: 'b'.repeat(1_000_000) }),
      () => ({ body: 'b'.repeat(1_000_001) }),
      'body.drafts.body',
    ],
    [
      '100 labels to add',
      () => ({ add_shared_labels: labels.slice(0, 100) }),
      () => ({ add_shared_labels: labels }),
      'body.drafts.add_shared_labels',
    ],
    [
      'send_at a year ahead',
      () => ({ send: undefined, send_at: inSeconds(365 * DAY - 60) }),
      () => ({ send: undefined, send_at: inSeconds(365 * DAY + 60) }),
      'body.drafts.send_at',
    ],
    [
      'send_at in year 9999',
      () => ({ send: undefined, send_at: inSeconds(3600) }),
      () => ({ send: undefined, send_at: 253_402_300_000 }),
      'body.drafts.send_at',
    ],
  ];

  it.each(bounds)('%s', async (_name, inside, outside, path) => {
    const before = await footprint(testApp);
    const res = await postDraft(testApp, org, outside());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
    expect(res.body.error.issues.map((i: Issue) => i.path)).toContain(path);
    expect(await footprint(testApp)).toEqual(before);
    await postDraft(testApp, org, inside()).expect(201);
  });

  it.each([
    ['an empty paragraph', '<p></p>'],
    ['an image alone', '<img src="x">'],
    ['a line break alone', '<br>'],
    ['spaces', '   '],
    ['a non-breaking space', '<p>&nbsp;</p>'],
    ['a zero-width space', '\u200b'],
  ])('a body with no visible text (%s) is a 400, sent now or scheduled, not a 502', async (_name, body) => {
    for (const mode of [{ send: true }, { send: undefined, send_at: inSeconds(3600) }]) {
      const before = await footprint(testApp);
      const res = await postDraft(testApp, org, { body, ...mode });
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        { path: 'body.drafts.body', message: expect.stringMatching(/visible text/) },
      ]);
      expect(await footprint(testApp)).toEqual(before);
    }
    await postDraft(testApp, org, { body: '<p>Hi</p><img src="x">' }).expect(201);
  });
});

describe('authentication', () => {
  it.each([
    ['no token', {}],
    ['an unknown token', { Authorization: 'Bearer fu_not-a-real-token' }],
    ['another scheme', { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
  ])('401 with %s, and nothing is sent', async (_name, headers) => {
    const before = await footprint(testApp);
    const res = await api()
      .post('/v1/drafts')
      .set(headers)
      .send({
        drafts: {
          subject: 'Hi',
          body: 'Hello',
          from_field: { address: 'a@b.test' },
          to_fields: [{ address: 'c@d.test' }],
          send: true,
        },
      });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(await footprint(testApp)).toEqual(before);
    expect((await api().get('/v1/conversations/0123456789abcdef01234567').set(headers)).status).toBe(401);
  });
});

describe("one organization never sees or changes another's data", () => {
  let owner: Org;
  let intruder: Org;
  let conversation: string;
  let team: string;
  let label: string;
  let scheduled: ApiDraft;

  beforeAll(async () => {
    owner = await testApp.newOrganization('Owner');
    intruder = await testApp.newOrganization('Intruder');
    conversation = (await postDraft(testApp, owner, { subject: 'Owner thread' }).expect(201)).body.drafts.conversation;
    team = String((await Team.create({ organization: owner.id, name: 'Owner sales' }))._id);
    label = (
      await api()
        .post('/v1/shared_labels')
        .set(owner.auth)
        .send({ shared_labels: [{ name: 'Owner label' }] })
        .expect(201)
    ).body.shared_labels[0].id;
    scheduled = (
      await postDraft(testApp, owner, { conversation, send: undefined, send_at: inSeconds(3600) }).expect(201)
    ).body.drafts;
  });

  it.each([
    ['conversation', () => ({ conversation })],
    ['team', () => ({ team })],
    ['shared label', () => ({ add_shared_labels: [label] })],
    ['organization', () => ({ organization: owner.id })],
  ])("404 for another organization's %s id, sent now or scheduled, and nothing written", async (_name, fields) => {
    for (const mode of [{ send: true }, { send: undefined, send_at: inSeconds(3600) }]) {
      const before = await footprint(testApp);
      const res = await postDraft(testApp, intruder, { ...fields(), ...mode });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
      expect(await footprint(testApp)).toEqual(before);
    }
  });

  it("404 reading another organization's conversation, its messages and drafts", async () => {
    for (const suffix of ['', '/messages', '/drafts']) {
      const res = await api().get(`/v1/conversations/${conversation}${suffix}`).set(intruder.auth);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
      await api().get(`/v1/conversations/${conversation}${suffix}`).set(owner.auth).expect(200);
    }
  });

  it("404 discarding another organization's draft, which stays scheduled", async () => {
    const res = await api().delete(`/v1/drafts/${scheduled.id}`).set(intruder.auth);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect((await draftsOf(testApp, owner, conversation)).find((d) => d.id === scheduled.id)).toMatchObject({
      status: 'scheduled',
    });
  });

  it('the owner can discard it once; a second DELETE is a 409', async () => {
    const res = await api().delete(`/v1/drafts/${scheduled.id}`).set(owner.auth).expect(200);
    expect(res.body.drafts).toMatchObject({ id: scheduled.id, status: 'discarded' });
    const again = await api().delete(`/v1/drafts/${scheduled.id}`).set(owner.auth);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  it('404 for a draft id that does not exist, 400 for one that is not an id', async () => {
    expect((await api().delete('/v1/drafts/0123456789abcdef01234567').set(owner.auth)).status).toBe(404);
    const res = await api().delete('/v1/drafts/nope').set(owner.auth);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: Issue) => i.path)).toContain('params.id');
  });
});

describe('DELETE of a draft that was already sent', () => {
  it('409 for a scheduled send that went out, which stays sent', async () => {
    const worker = startWorker(testApp, taskQueue);
    try {
      const created: ApiDraft = (
        await postDraft(testApp, org, { subject: 'Sent on time', send: undefined, send_at: inSeconds(1) }).expect(201)
      ).body.drafts;
      await eventually(
        async () => (await draftsOf(testApp, org, created.conversation)).find((d) => d.status === 'sent'),
        20_000,
        'the scheduled send to go out',
      );
      const res = await api().delete(`/v1/drafts/${created.id}`).set(org.auth);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('conflict');
      expect(await draftsOf(testApp, org, created.conversation)).toEqual([
        expect.objectContaining({ id: created.id, status: 'sent' }),
      ]);
    } finally {
      await worker.stop();
    }
  });

  it('409 for the draft returned by `send: true` (status sent)', async () => {
    const created: ApiDraft = (await postDraft(testApp, org, { subject: 'Sent now' }).expect(201)).body.drafts;
    expect(created.status).toBe('sent');
    const res = await api().delete(`/v1/drafts/${created.id}`).set(org.auth);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });
});
