// Outgoing rule conditions end to end: rules created through the API, messages sent through
// POST /v1/drafts, and what really happened (a started Temporal sequence, follow-up drafts, labels).
import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/testApp';
import { newTaskQueue } from '../helpers/testWorker';
import { terminateRunning } from '../helpers/backgroundWorker';
import { createRule, outcome, ruleRan, send, SENDER, setupOrg, TRIGGER, type Condition, type Setup } from './fixtures';

let testApp: TestApp;
const taskQueue = newTaskQueue();

beforeAll(async () => {
  testApp = await startTestApp({ taskQueue });
});
afterAll(async () => {
  await terminateRunning(testApp, taskQueue);
  await testApp.close();
});

type Probe = [what: string, fields: (s: Setup) => Record<string, unknown>, runs: boolean];
type Case = [name: string, match: 'all' | 'any', items: (s: Setup) => Condition[], probes: Probe[]];

const cases: Case[] = [
  [
    'from is',
    'all',
    () => [{ field: 'from', operator: 'is', values: ['sam@seller.test', 'ALEX@Seller.TEST'] }],
    [
      ['from a listed sender, other case', () => ({}), true],
      ['from another sender', () => ({ from_field: { address: 'bob@seller.test' } }), false],
    ],
  ],
  [
    'from is_not',
    'all',
    () => [{ field: 'from', operator: 'is_not', values: ['bob@seller.test'] }],
    [
      ['from someone else', () => ({}), true],
      ['from the excluded sender, other case', () => ({ from_field: { address: 'Bob@Seller.test' } }), false],
    ],
  ],
  [
    'team is',
    'all',
    (s) => [{ field: 'team', operator: 'is', values: [s.teams[0]] }],
    [
      ['in the team', (s) => ({ team: s.teams[0] }), true],
      ['in another team', (s) => ({ team: s.teams[1] }), false],
      ['in no team', () => ({}), false],
    ],
  ],
  [
    'team is_not',
    'all',
    (s) => [{ field: 'team', operator: 'is_not', values: [s.teams[0]] }],
    [
      ['in another team', (s) => ({ team: s.teams[1] }), true],
      ['in the excluded team', (s) => ({ team: s.teams[0] }), false],
      ['in no team', () => ({}), true],
    ],
  ],
  [
    'content contains (subject and body text)',
    'all',
    () => [{ field: 'content', operator: 'contains', values: [TRIGGER.toUpperCase()] }],
    [
      ['in the body', () => ({}), true],
      ['split by markup and spaces', () => ({ body: '<p>Here is the <b>quote</b>\n  you   requested</p>' }), true],
      [
        'in quoted text',
        () => ({
          body: '<p>Resending.</p><blockquote>On Monday Alex wrote: here is the quote you requested</blockquote>',
        }),
        true,
      ],
      ['in the subject only', () => ({ subject: `${TRIGGER}!`, body: 'See attached.' }), true],
      ['only inside an HTML attribute', () => ({ body: `<p title="${TRIGGER}">See attached.</p>` }), false],
      ['nowhere', () => ({ body: 'See attached.' }), false],
    ],
  ],
  [
    'content contains (addresses)',
    'all',
    () => [{ field: 'content', operator: 'contains', values: ['@globex.test'] }],
    [
      ['in cc', () => ({ cc_fields: [{ address: 'buyer@globex.test' }] }), true],
      ['in bcc', () => ({ bcc_fields: [{ address: 'ceo@globex.test' }] }), true],
      ['in to', () => ({ to_fields: [{ address: 'jane@globex.test' }] }), true],
      ['in no address', () => ({}), false],
    ],
  ],
  [
    'content not_contains',
    'all',
    () => [{ field: 'content', operator: 'not_contains', values: ['just checking in', 'unsubscribe'] }],
    [
      ['holding neither phrase', () => ({}), true],
      ['holding one phrase in the body', () => ({ body: `${TRIGGER}. Just   checking in!` }), false],
      ['holding the other phrase in the subject', () => ({ subject: 'Unsubscribe?' }), false],
    ],
  ],
  [
    'subject contains',
    'all',
    () => [{ field: 'subject', operator: 'contains', values: ['QUOTE'] }],
    [
      ['in the subject', () => ({ subject: 'Your quote' }), true],
      ['in the body only', () => ({ subject: 'Hello' }), false],
    ],
  ],
  [
    'subject not_contains',
    'all',
    () => [{ field: 'subject', operator: 'not_contains', values: ['quote'] }],
    [
      ['not in the subject, though in the body', () => ({ subject: 'Hello' }), true],
      ['in the subject', () => ({ subject: 'Your QUOTE' }), false],
    ],
  ],
  [
    'body contains',
    'all',
    () => [{ field: 'body', operator: 'contains', values: ['quote you requested'] }],
    [
      ['in the body', () => ({}), true],
      ['in the subject only', () => ({ subject: TRIGGER, body: 'See attached.' }), false],
    ],
  ],
  [
    'body not_contains',
    'all',
    () => [{ field: 'body', operator: 'not_contains', values: ['quote'] }],
    [
      ['not in the body, though in the subject', () => ({ subject: 'Your quote', body: 'See attached.' }), true],
      ['in the body', () => ({}), false],
    ],
  ],
  [
    'an "any" group',
    'any',
    () => [
      { field: 'from', operator: 'is', values: ['sam@seller.test'] },
      { field: 'subject', operator: 'contains', values: ['pricing'] },
    ],
    [
      ['only the first condition holds', () => ({ from_field: { address: 'sam@seller.test' } }), true],
      ['only the second holds', () => ({ subject: 'New pricing' }), true],
      ['both hold', () => ({ from_field: { address: 'sam@seller.test' }, subject: 'New pricing' }), true],
      ['neither holds', () => ({}), false],
    ],
  ],
  [
    'an "all" group',
    'all',
    () => [
      { field: 'from', operator: 'is', values: ['sam@seller.test'] },
      { field: 'subject', operator: 'contains', values: ['pricing'] },
    ],
    [
      ['both hold', () => ({ from_field: { address: 'sam@seller.test' }, subject: 'New pricing' }), true],
      ['only the first holds', () => ({ from_field: { address: 'sam@seller.test' } }), false],
      ['only the second holds', () => ({ subject: 'New pricing' }), false],
    ],
  ],
];

describe.each(cases)('%s', (_name, match, items, probes) => {
  let org: Setup;
  beforeAll(async () => {
    org = await setupOrg(testApp);
    await createRule(testApp, org, { match, items: items(org) });
  });

  it.each(probes.map(([what, fields, runs]) => [what, runs, fields] as const))(
    'a message %s → runs: %s',
    async (_what, runs, fields) => {
      const conversation = await send(testApp, org, fields(org));
      expect(await ruleRan(testApp, org, conversation)).toBe(runs);
    },
  );
});

it('a disabled rule does nothing until it is enabled', async () => {
  const org = await setupOrg(testApp);
  const rule = await createRule(testApp, org, {
    enabled: false,
    items: [{ field: 'content', operator: 'contains', values: [TRIGGER] }],
  });
  expect(await ruleRan(testApp, org, await send(testApp, org))).toBe(false);

  await request(testApp.app)
    .patch(`/v1/rules/${rule}`)
    .set(org.auth)
    .send({ rules: { enabled: true } })
    .expect(200);
  expect(await ruleRan(testApp, org, await send(testApp, org))).toBe(true);
});

it('a message that matches no rule starts nothing', async () => {
  const org = await setupOrg(testApp);
  expect(await outcome(testApp, org, await send(testApp, org))).toEqual({ drafts: [], sequence: null, labels: [] });

  await createRule(testApp, org, {
    description: 'Quotes',
    items: [{ field: 'content', operator: 'contains', values: ['a phrase nobody writes'] }],
  });
  await createRule(testApp, org, {
    description: 'Sam',
    items: [{ field: 'from', operator: 'is', values: ['sam@seller.test'] }],
  });
  const conversation = await send(testApp, org);
  expect(await outcome(testApp, org, conversation)).toEqual({ drafts: [], sequence: null, labels: [] });
  expect(
    (await request(testApp.app).get(`/v1/conversations/${conversation}/messages`).set(org.auth).expect(200)).body
      .messages,
  ).toHaveLength(1);
});

describe('the template\'s "does not contain" conditions, for messages people send', () => {
  let org: Setup;
  beforeAll(async () => {
    org = await setupOrg(testApp);
    await request(testApp.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: TRIGGER, senders: [SENDER.address] })
      .expect(201);
  });

  it('the trigger alone starts the three follow-ups and adds the label', async () => {
    const o = await outcome(testApp, org, await send(testApp, org));
    expect(o.sequence).not.toBeNull();
    expect(o.drafts.map((d) => [d.kind, d.status, d.step])).toEqual([
      ['followup', 'scheduled', 1],
      ['followup', 'scheduled', 2],
      ['followup', 'scheduled', 3],
    ]);
    expect(o.labels).toHaveLength(1);
  });

  it.each([
    ['follow-up 1', 'Just checking in on the quote I sent.'],
    ['follow-up 2', 'Following up on my previous message about it.'],
    ['follow-up 3', 'One last note about the quote: ping me.'],
  ])("a person's message with the trigger and %s's phrase starts nothing", async (_which, phrase) => {
    const conversation = await send(testApp, org, {
      body: `<p>Hi Jane,</p><p>${phrase}</p><p>${TRIGGER} last week.</p>`,
    });
    expect(await outcome(testApp, org, conversation)).toEqual({ drafts: [], sequence: null, labels: [] });
  });
});
