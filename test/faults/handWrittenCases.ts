// The hand-written hostile cases of issue 8 (the generated ones are in hostileCases.ts), with the
// answer the issue asks for where it names one.
import { nestedHtml, oneRowTable } from '../helpers/hostileText';
import { encodeMultipart, inboundPayload } from '../helpers/inboundPayload';
import { json, jsonHeaders, manyRecipients, WEBHOOK, type HostileCase, type HostileContext } from './hostileCases';

/** A multipart part carrying a file, as SendGrid posts attachments. */
function filePart(name: string, filename: string, bytes: Buffer, boundary = 'xYzZY'): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from('\r\n'),
  ]);
}

/** Raw MIME with `depth` nested multipart/mixed levels. */
function nestedMime(depth: number): Buffer {
  const head =
    'From: jane@prospect.test\r\nTo: reply+x@reply.follow-ups.test\r\nSubject: nested\r\nMessage-ID: <nested@prospect.test>\r\nMIME-Version: 1.0\r\n';
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += `${i === 0 ? '' : `--b${i - 1}\r\n`}Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n`;
    close = `--b${i}--\r\n${close}`;
  }
  return Buffer.from(`${head}${open}--b${depth - 1}\r\nContent-Type: text/plain\r\n\r\nhi\r\n${close}`);
}

/** The hand-written cases of issue 8, with the answer the issue asks for where it names one. */
export function nastyCases(ctx: HostileContext): HostileCase[] {
  const a = { ...jsonHeaders, authorization: 'Bearer TOKEN' };
  const draft = (over: Record<string, unknown>) =>
    json({
      drafts: {
        subject: 'Quote',
        body: '<p>Here is the quote.</p>',
        from_field: { address: 'alex@seller.test' },
        to_fields: [{ address: 'jane@prospect.test' }],
        send: true,
        ...over,
      },
    });
  const response = (body: string) => json({ responses: [{ title: 'Hostile', body }] });
  const rule = (sendAfter: unknown) =>
    json({
      rules: {
        description: 'Huge delay',
        conditions: { match: 'all', items: [{ field: 'content', operator: 'contains', values: ['quote'] }] },
        actions: [{ type: 'schedule_followup', response: ctx.responseId, send_after: sendAfter }],
      },
    });
  const webhook = (fields: Record<string, string | Buffer>) => ({ ...encodeMultipart(fields), fields });
  const base = inboundPayload({
    from: 'jane@prospect.test',
    to: ['reply+garbage@reply.follow-ups.test'],
    subject: 'Re: quote',
    text: 'hello',
  }).fields;
  const big = webhook({ ...base, headers: `X-Filler: ${'a'.repeat(5 * 1024 * 1024)}\r\n${String(base.headers)}` });
  const attachment = Buffer.concat([
    encodeMultipart({ ...base, attachments: '1' }).body.subarray(0, -'--xYzZY--\r\n'.length),
    filePart('attachment1', 'deck.pdf', Buffer.alloc(26 * 1024 * 1024, 1)),
    Buffer.from('--xYzZY--\r\n'),
  ]);
  const raw = (depth: number) =>
    webhook({
      email: nestedMime(depth),
      from: 'jane@prospect.test',
      to: 'reply+x@reply.follow-ups.test',
      envelope: '{"to":["reply+x@reply.follow-ups.test"],"from":"jane@prospect.test"}',
    });
  return [
    {
      name: 'malformed percent-encoding in a conversation id',
      method: 'GET',
      path: '/v1/conversations/%E0%A4%A',
      headers: a,
      expect: '4xx',
    },
    { name: 'malformed percent-encoding in a rule id', method: 'GET', path: '/v1/rules/%', headers: a, expect: '4xx' },
    {
      name: 'malformed percent-encoding in a sequence id',
      method: 'POST',
      path: '/v1/sequences/%E0%A4%A/stop',
      headers: a,
      body: json({}),
      expect: '4xx',
    },
    {
      name: 'garbage page token',
      method: 'GET',
      path: '/v1/sequences?page_token=Z2FyYmFnZQ',
      headers: a,
      expect: '4xx',
    },
    {
      name: 'garbage page token, not base64',
      method: 'GET',
      path: `/v1/sequences?page_token=${encodeURIComponent('}{not a token')}`,
      headers: a,
      expect: '4xx',
    },
    {
      name: 'CR/LF in a subject',
      method: 'POST',
      path: '/v1/drafts',
      headers: a,
      body: draft({ subject: 'Quote\r\nBcc: victim@evil.test' }),
      expect: '4xx',
    },
    {
      name: 'CR/LF in a display name',
      method: 'POST',
      path: '/v1/drafts',
      headers: a,
      body: draft({ from_field: { address: 'alex@seller.test', name: 'Alex\r\nBcc: victim@evil.test' } }),
      expect: '4xx',
    },
    {
      name: '1,001 recipients',
      method: 'POST',
      path: '/v1/drafts',
      headers: a,
      body: draft({ to_fields: manyRecipients(1_001) }),
      expect: '4xx',
    },
    {
      name: '20,000 recipients',
      method: 'POST',
      path: '/v1/drafts',
      headers: a,
      body: draft({ to_fields: manyRecipients(20_000) }),
      expect: '4xx',
    },
    {
      name: '300-character local part',
      method: 'POST',
      path: '/v1/drafts',
      headers: a,
      body: draft({ to_fields: [{ address: `${'a'.repeat(300)}@prospect.test` }] }),
      expect: '4xx',
    },
    {
      name: 'send_at in year 9999',
      method: 'POST',
      path: '/v1/drafts',
      headers: a,
      body: draft({ send: undefined, send_at: 253_402_300_000 }),
      expect: '4xx',
    },
    {
      name: 'body <p></p>',
      method: 'POST',
      path: '/v1/drafts',
      headers: a,
      body: draft({ body: '<p></p>' }),
      expect: '4xx',
    },
    {
      name: 'body <img src="x">',
      method: 'POST',
      path: '/v1/drafts',
      headers: a,
      body: draft({ body: '<img src="x">' }),
      expect: '4xx',
    },
    { name: 'body <br>', method: 'POST', path: '/v1/drafts', headers: a, body: draft({ body: '<br>' }), expect: '4xx' },
    {
      name: 'rule delay of 1e9 days',
      method: 'POST',
      path: '/v1/rules',
      headers: a,
      body: rule({ amount: 1e9, unit: 'days' }),
      expect: '4xx',
    },
    {
      name: 'rule delay past Temporal’s 100-year timer cap',
      method: 'POST',
      path: '/v1/rules',
      headers: a,
      body: rule({ amount: 40_000, unit: 'days' }),
      expect: '4xx',
    },
    {
      name: 'template delay of 1e9 days',
      method: 'POST',
      path: '/v1/rules/templates/automatic-follow-ups',
      headers: a,
      body: json({
        trigger_phrase: 'Here is the quote',
        senders: ['alex@seller.test'],
        label: { name: 'Huge' },
        followups: [{ body: 'Checking in', send_after: { amount: 1e9, unit: 'days' } }],
      }),
      expect: '4xx',
    },
    {
      name: "response {% include 'package.json' %}",
      method: 'POST',
      path: '/v1/responses',
      headers: a,
      body: response("{% include 'package.json' %}"),
    },
    {
      name: "response {% render 'package.json' %}",
      method: 'POST',
      path: '/v1/responses',
      headers: a,
      body: response("{% render 'package.json' %}"),
    },
    {
      name: "response {% layout 'package.json' %}",
      method: 'POST',
      path: '/v1/responses',
      headers: a,
      body: response("{% layout 'package.json' %}"),
    },
    {
      name: 'response {% for i in (1..1000000000) %}',
      method: 'POST',
      path: '/v1/responses',
      headers: a,
      body: response('{% for i in (1..1000000000) %}{% endfor %}'),
    },
    {
      name: 'response that does not parse',
      method: 'POST',
      path: '/v1/responses',
      headers: a,
      body: response('{% if %}'),
      expect: '4xx',
    },
    {
      name: 'JSON nested 10,000 levels',
      method: 'POST',
      path: '/v1/drafts',
      headers: a,
      body: Buffer.from(`${'['.repeat(10_000)}${']'.repeat(10_000)}`),
      expect: '4xx',
    },
    {
      name: 'body over the JSON limit',
      method: 'POST',
      path: '/v1/responses',
      headers: a,
      body: response('x'.repeat(3 * 1024 * 1024)),
      expect: '4xx',
    },
    {
      name: 'invalid JSON',
      method: 'POST',
      path: '/v1/drafts',
      headers: a,
      body: Buffer.from('{"drafts":'),
      expect: '4xx',
    },
    {
      name: 'prototype pollution keys',
      method: 'POST',
      path: '/v1/shared_labels',
      headers: a,
      body: Buffer.from(
        '{"shared_labels":[{"name":"x","__proto__":{"admin":true},"constructor":{"prototype":{"polluted":1}}}]}',
      ),
    },
    {
      name: 'Mongo operator as an id',
      method: 'GET',
      path: `/v1/conversations/${encodeURIComponent('{"$gt":""}')}`,
      headers: a,
      expect: '4xx',
    },
    {
      name: 'idempotency key over 255 characters',
      method: 'POST',
      path: '/v1/drafts',
      headers: { ...a, 'idempotency-key': 'k'.repeat(300) },
      body: draft({}),
      expect: '4xx',
    },
    {
      name: 'webhook 5 MB headers field',
      method: 'POST',
      path: WEBHOOK,
      headers: { 'content-type': big.contentType },
      body: big.body,
      expect: '2xx',
    },
    {
      name: 'webhook raw MIME nested 2,000 levels',
      method: 'POST',
      path: WEBHOOK,
      headers: { 'content-type': raw(2_000).contentType },
      body: raw(2_000).body,
      expect: '2xx',
    },
    {
      name: 'webhook raw MIME nested 20,000 levels',
      method: 'POST',
      path: WEBHOOK,
      headers: { 'content-type': raw(20_000).contentType },
      body: raw(20_000).body,
      expect: '2xx',
    },
    ...[
      ['webhook HTML-only reply nested 5,000 elements deep', nestedHtml(5_000)],
      ['webhook HTML-only reply, 1 MB one-row table', oneRowTable(1_000_000)],
    ].map(([name, html]) => {
      const post = webhook({ ...base, text: '', html });
      return {
        name,
        method: 'POST',
        path: WEBHOOK,
        headers: { 'content-type': post.contentType },
        body: post.body,
        expect: '2xx' as const,
      };
    }),
    {
      name: 'webhook 26 MB attachment',
      method: 'POST',
      path: WEBHOOK,
      headers: { 'content-type': 'multipart/form-data; boundary=xYzZY' },
      body: attachment,
      expect: '2xx',
    },
    {
      name: 'webhook truncated multipart',
      method: 'POST',
      path: WEBHOOK,
      headers: { 'content-type': 'multipart/form-data; boundary=xYzZY' },
      body: encodeMultipart(base).body.subarray(0, 200),
    },
    {
      name: 'webhook multipart without boundary',
      method: 'POST',
      path: WEBHOOK,
      headers: { 'content-type': 'multipart/form-data' },
      body: encodeMultipart(base).body,
    },
    {
      name: 'webhook JSON instead of multipart',
      method: 'POST',
      path: WEBHOOK,
      headers: jsonHeaders,
      body: json({ from: 'x' }),
      expect: '4xx',
    },
    {
      name: 'webhook 300 fields',
      method: 'POST',
      path: WEBHOOK,
      headers: { 'content-type': 'multipart/form-data; boundary=xYzZY' },
      body: encodeMultipart({ ...base, ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`f${i}`, 'x'])) })
        .body,
    },
    {
      name: 'webhook wrong secret with percent garbage',
      method: 'POST',
      path: '/webhooks/sendgrid/inbound/%E0%A4%A',
      headers: { 'content-type': 'multipart/form-data; boundary=xYzZY' },
      body: encodeMultipart(base).body,
      expect: '4xx',
    },
  ];
}
