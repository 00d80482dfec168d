// Hostile requests for every route of the ts-rest contract and for the Inbound Parse webhook:
// generated with fast-check (valid bodies from the contract with one field made hostile, random
// JSON, hostile path segments and queries, mangled multipart posts); the hand-written ones are in
// handWrittenCases.ts.
import fc from 'fast-check';
import { contract, listRoutes, type RouteEntry } from '@follow-ups/contract';
import { encodeMultipart, inboundPayload } from '../helpers/inboundPayload';
import { TEST_WEBHOOK_SECRET } from '../helpers/testApp';

export type HostileCase = {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** What the issue says the answer must be, for the hand-written cases that name one. */
  expect?: '4xx' | '2xx';
};

/** Ids of real documents of the test organization, so hostile bodies reach past the 404s. */
export type HostileContext = {
  responseId: string;
  ruleId: string;
  labelId: string;
  conversationId: string;
  sequenceId: string;
};

/** encodeURIComponent, or each UTF-8 byte percent-encoded when the string holds a lone surrogate. */
const encode = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return [...Buffer.from(v, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
};

export const WEBHOOK = `/webhooks/sendgrid/inbound/${TEST_WEBHOOK_SECRET}`;
export const json = (value: unknown) => Buffer.from(JSON.stringify(value));
export const jsonHeaders = { 'content-type': 'application/json' };

const nastyStrings = [
  '',
  ' ',
  '\r\n',
  'Quote\r\nBcc: victim@evil.test',
  '\u0000',
  '%E0%A4%A',
  '../../../../etc/passwd',
  '{{ 7 | times: 7 }}',
  "{% include 'package.json' %}",
  "{% render '../../package.json' %}",
  '{% for i in (1..1000000000) %}{% endfor %}',
  '{% if %}',
  '<p></p>',
  '<img src="x">',
  '<br>',
  `${'a'.repeat(300)}@prospect.test`,
  '__proto__',
  'constructor',
  '$where',
  '\uD800',
  '🙂'.repeat(2_000),
  'x'.repeat(70_000),
  'a@b',
  'jane@prospect.test',
  '2026-01-01T00:00:00Z',
];
const hostileScalar = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, 1e9, 1e21, 2 ** 53, 253_402_300_799, 253_402_300_800, 32_503_680_000),
  fc.boolean(),
  fc.constant(null),
);
export const manyRecipients = (n: number) => Array.from({ length: n }, (_, i) => ({ address: `p${i}@prospect.test` }));
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileScalar, { maxKeys: 4 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      { $gt: '' },
      { __proto__: { admin: true } },
      manyRecipients(1_001),
      [[[[[]]]]],
      { amount: 1e9, unit: 'days' },
      { amount: 1, unit: 'years' },
    ),
  },
);

/** A body each JSON route accepts, built from the contract's schemas. */
function validBody(route: string, ctx: HostileContext): unknown {
  const draft = {
    subject: 'Quote',
    body: '<p>Here is the quote you requested.</p>',
    from_field: { address: 'alex@seller.test', name: 'Alex' },
    to_fields: [{ address: 'jane@prospect.test', name: 'Jane' }],
    send: true,
  };
  const rule = {
    description: 'Hostile rule',
    conditions: { match: 'all', items: [{ field: 'content', operator: 'contains', values: ['quote'] }] },
    actions: [{ type: 'schedule_followup', response: ctx.responseId, send_after: { amount: 1, unit: 'days' } }],
  };
  const bodies: Record<string, unknown> = {
    'drafts.create': { drafts: draft },
    'responses.create': {
      responses: [{ title: 'Canned', subject: 'Re: quote', body: "Hi {{ recipient.first_name | default: 'there' }}" }],
    },
    'responses.update': { responses: { body: 'Hi again' } },
    'rules.create': { rules: rule },
    'rules.update': { rules: { description: 'Renamed rule' } },
    'ruleTemplates.automaticFollowUps': {
      trigger_phrase: 'Here is the quote',
      senders: ['alex@seller.test'],
      label: { name: 'In progress' },
      followups: [{ body: 'Checking in', send_after: { amount: 1, unit: 'days' } }],
    },
    'sharedLabels.create': { shared_labels: [{ name: 'Hot', color: '#ff0000' }] },
    'sharedLabels.update': { shared_labels: { name: 'Warm' } },
    'sequences.stop': { reason: 'deal closed' },
    'sequences.pause': {},
    'sequences.resume': {},
  };
  return bodies[route] ?? {};
}

/** The path of `route` with its `:id` filled in. */
function pathOf(route: RouteEntry, ctx: HostileContext, id?: string): string {
  const ids: Record<string, string> = {
    conversations: ctx.conversationId,
    rules: ctx.ruleId,
    responses: ctx.responseId,
    drafts: ctx.conversationId,
    sequences: ctx.sequenceId,
  };
  return route.path.replace(':id', id ?? ids[route.name.split('.')[0]] ?? ctx.conversationId);
}

type PathStep = string | number;
function leafPaths(value: unknown, prefix: PathStep[] = []): PathStep[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]))];
}

/** `body` with the value at `path` replaced (`set`), removed (`delete`), or given a hostile sibling (`extra`). */
function mutate(body: unknown, path: PathStep[], op: 'set' | 'delete' | 'extra', value: unknown): unknown {
  if (path.length === 0) return op === 'set' ? value : body;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (op === 'set') parent[last] = value;
  else if (op === 'delete') delete parent[last];
  else parent[`${String(last)}_extra`] = value;
  return copy;
}

const jsonRoutes = () =>
  listRoutes(contract).filter((r) => r.method !== 'GET' && r.name !== 'drafts.discard' && r.name !== 'rules.delete');
const idRoutes = () => listRoutes(contract).filter((r) => r.path.includes(':id'));

const hostileSegment = fc.oneof(
  fc.constantFrom(
    '%E0%A4%A',
    '%',
    '%zz',
    '%00',
    '%C0%AE%C0%AE',
    '..%2F..%2Fpackage.json',
    '%2e%2e',
    'ffffffffffffffffffffffff',
    '000000000000000000000000',
    'x'.repeat(5_000),
    '%F0%9F%99%82',
    '%uD800',
    '$where',
    'null',
    'undefined',
    'followups-x-y',
  ),
  fc.string({ maxLength: 40 }).map(encode),
  fc.string({ unit: 'binary', maxLength: 30 }).map(encode),
  fc.stringMatching(/^[0-9a-f]{24}$/),
);

const sequenceQuery = fc
  .record(
    {
      status: fc.oneof(fc.constantFrom('active', 'replied', 'bogus', ''), hostileScalar.map(String)),
      rule: hostileScalar.map(String),
      sender: fc.constantFrom('alex@seller.test', 'not-an-email', '%', ''),
      recipient: hostileScalar.map(String),
      conversation: fc.oneof(fc.stringMatching(/^[0-9a-f]{24}$/), hostileScalar.map(String)),
      page_size: fc.oneof(fc.integer({ min: -5, max: 500 }).map(String), fc.constantFrom('1e3', 'NaN', '', '20abc')),
      page_token: fc.oneof(
        fc.base64String({ maxLength: 80 }),
        fc.string({ maxLength: 30 }),
        fc.constantFrom('CiQ', 'AAAA', '%E0%A4%A', 'x'.repeat(3_000)),
      ),
    },
    { requiredKeys: [] },
  )
  // Broken percent-encoding goes out raw, unless the value also holds what no HTTP client sends unescaped (spaces, non-ASCII).
  .map((q) =>
    Object.entries(q)
      .map(([k, v]) => `${k}=${/%[0-9A-F]?$|%E0%A4%A/.test(v) && /^[\x21-\x7e]*$/.test(v) ? v : encode(v)}`)
      .join('&'),
  );

const webhookFieldNames = [
  'from',
  'to',
  'cc',
  'subject',
  'headers',
  'text',
  'html',
  'email',
  'envelope',
  'charsets',
  'attachments',
  'SPF',
  'dkim',
  'attachment-info',
  'content-ids',
];

/** Generated cases: `count` in all, spread over JSON bodies, path ids, sequence queries and webhook posts. */
export function generatedCases(ctx: HostileContext, count: number, seed: number): HostileCase[] {
  const routes = jsonRoutes();
  const ids = idRoutes();
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const bodyCase = fc
    .record({
      route: fc.constantFrom(...routes),
      pathIndex: fc.nat(),
      op: fc.constantFrom('set' as const, 'delete' as const, 'extra' as const),
      value: hostileValue,
    })
    .map(({ route, pathIndex, op, value }): Omit<HostileCase, 'headers'> => {
      const base = validBody(route.name, ctx);
      const paths = leafPaths(base);
      const path = paths[pathIndex % paths.length];
      return {
        name: `${route.name} ${op} ${path.join('.') || '(body)'}`,
        method: route.method,
        path: pathOf(route, ctx),
        body: json(mutate(base, path, op, value)),
      };
    });
  const randomJson = fc
    .record({ route: fc.constantFrom(...routes), body: fc.json({ depthSize: 'small' }) })
    .map(({ route, body }) => ({
      name: `${route.name} random JSON`,
      method: route.method,
      path: pathOf(route, ctx),
      body: Buffer.from(body),
    }));
  const segmentCase = fc
    .record({ route: fc.constantFrom(...ids), segment: hostileSegment })
    .map(({ route, segment }) => ({
      name: `${route.name} id ${segment.slice(0, 30)}`,
      method: route.method,
      path: pathOf(route, ctx, segment),
      body: route.method === 'GET' || route.method === 'DELETE' ? undefined : json(validBody(route.name, ctx)),
    }));
  const queryCase = sequenceQuery.map((query) => ({
    name: `sequences.list ?${query.slice(0, 40)}`,
    method: 'GET',
    path: `/v1/sequences?${query}`,
  }));
  const webhookCase = fc
    .record({
      mode: fc.constantFrom('default' as const, 'raw' as const),
      field: fc.constantFrom(...webhookFieldNames),
      op: fc.constantFrom('set' as const, 'delete' as const),
      value: fc.oneof(
        fc.constantFrom(...nastyStrings),
        fc.string({ maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
      ),
    })
    .map(({ mode, field, op, value }): HostileCase => {
      const fields = {
        ...inboundPayload(
          {
            from: 'jane@prospect.test',
            to: ['reply+garbage@reply.follow-ups.test'],
            subject: 'Re: quote',
            text: 'hello',
          },
          { mode },
        ).fields,
      };
      if (op === 'delete') delete fields[field];
      else fields[field] = value;
      const { contentType, body } = encodeMultipart(fields);
      return {
        name: `webhook ${mode} ${op} ${field}`,
        method: 'POST',
        path: WEBHOOK,
        headers: { 'content-type': contentType },
        body,
      };
    });
  const arbitrary: fc.Arbitrary<HostileCase> = fc.oneof(
    { weight: 5, arbitrary: bodyCase.map((c) => ({ ...c, headers: jsonHeaders })) },
    { weight: 1, arbitrary: randomJson.map((c) => ({ ...c, headers: jsonHeaders })) },
    { weight: 2, arbitrary: segmentCase.map((c) => ({ ...c, headers: jsonHeaders })) },
    { weight: 1, arbitrary: queryCase },
    { weight: 2, arbitrary: webhookCase },
  );
  return fc
    .sample(arbitrary, { numRuns: count, seed })
    .map((c) => (c.path.startsWith('/v1/') ? { ...c, headers: { ...c.headers, ...auth('TOKEN') } } : c));
}
