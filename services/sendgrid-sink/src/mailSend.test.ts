import request from 'supertest';
import { buildSinkApp } from './app';
import { SentMailStore } from './store';

/** The body @sendgrid/mail 8 posts for a threaded reply with cc, bcc, reply_to and custom args. */
const threadedMail = {
  from: { email: 'ana@seller.example', name: 'Ana Seller' },
  subject: 'Re: your quote',
  personalizations: [
    {
      to: [{ email: 'bob@prospect.example', name: 'Bob' }],
      cc: [{ email: 'carol@prospect.example' }],
      bcc: [{ email: 'archive@seller.example' }],
    },
  ],
  content: [
    { type: 'text/plain', value: 'Hi Bob, following up.' },
    { type: 'text/html', value: '<p>Hi Bob, following up.</p>' },
  ],
  headers: {
    'Message-ID': '<f1@seller.example>',
    'In-Reply-To': '<q0@seller.example>',
    References: '<q0@seller.example>',
  },
  custom_args: { followUpId: 'fu_1' },
  categories: ['follow-up'],
  reply_to: { email: 'r+tok@reply.example' },
};

const send = (app: ReturnType<typeof buildSinkApp>, body: unknown, auth = 'Bearer SG.test') =>
  request(app)
    .post('/v3/mail/send')
    .set('Authorization', auth)
    .send(body as object);

describe('POST /v3/mail/send', () => {
  it('accepts a valid mail with 202, an empty body and an X-Message-Id, and records it', async () => {
    const store = new SentMailStore();
    const app = buildSinkApp(store);

    const res = await send(app, threadedMail);

    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    const id = String(res.headers['x-message-id']);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(store.get(id)).toMatchObject({
      id,
      body: threadedMail,
      from: threadedMail.from,
      replyTo: { email: 'r+tok@reply.example' },
      to: [{ email: 'bob@prospect.example', name: 'Bob' }],
      cc: [{ email: 'carol@prospect.example' }],
      bcc: [{ email: 'archive@seller.example' }],
      subject: 'Re: your quote',
      text: 'Hi Bob, following up.',
      html: '<p>Hi Bob, following up.</p>',
      headers: threadedMail.headers,
      customArgs: { followUpId: 'fu_1' },
      categories: ['follow-up'],
    });
  });

  it.each([
    ['no Authorization header', undefined, 'authorization required'],
    ['an empty bearer token', 'Bearer ', 'The provided authorization grant is invalid, expired, or revoked'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'The provided authorization grant is invalid, expired, or revoked'],
  ])('answers 401 with SendGrid errors for %s, before reading the body', async (_case, auth, message) => {
    const store = new SentMailStore();
    const req = request(buildSinkApp(store)).post('/v3/mail/send').set('Content-Type', 'application/json');
    const res = await (auth === undefined ? req : req.set('Authorization', auth)).send('{not json');

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: [{ message, field: null, help: null }] });
    expect(store.list()).toEqual([]);
  });

  it.each([
    ['from is missing', { from: undefined }, 'from'],
    ['from.email is not an address', { from: { email: 'ana' } }, 'from.email'],
    ['there is no personalization', { personalizations: [] }, 'personalizations'],
    [
      'a personalization has no to',
      { personalizations: [{ cc: [{ email: 'c@x.example' }] }] },
      'personalizations.0.to',
    ],
    [
      'a recipient is not an address',
      { personalizations: [{ to: [{ email: 'bob' }] }] },
      'personalizations.0.to.0.email',
    ],
    [
      'an address repeats across to and cc',
      { personalizations: [{ to: [{ email: 'b@x.example' }], cc: [{ email: 'B@x.example' }] }] },
      'personalizations.0',
    ],
    ['subject is missing', { subject: undefined }, 'subject'],
    ['content is missing', { content: undefined }, 'content'],
    ['a content value is empty', { content: [{ type: 'text/plain', value: '' }] }, 'content.0.value'],
    [
      'text/plain is not first',
      {
        content: [
          { type: 'text/html', value: '<p>x</p>' },
          { type: 'text/plain', value: 'x' },
        ],
      },
      'content',
    ],
    ['a reserved header is set', { headers: { 'Reply-To': 'x@y.example' } }, 'headers.Reply-To'],
    ['a custom arg is not a string', { custom_args: { n: 1 } }, 'custom_args.n'],
  ])('answers 400 when %s', async (_case, change, field) => {
    const store = new SentMailStore();
    const res = await send(buildSinkApp(store), { ...threadedMail, ...change });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, message: expect.any(String) })]),
    );
    expect(store.list()).toEqual([]);
  });

  it('accepts a subject given in every personalization instead of at the top', async () => {
    const personalizations = [{ ...threadedMail.personalizations[0], subject: 'Per recipient' }];
    const store = new SentMailStore();
    const res = await send(buildSinkApp(store), { ...threadedMail, subject: undefined, personalizations });

    expect(res.status).toBe(202);
    expect(store.list()[0]?.subject).toBe('Per recipient');
  });

  it('answers 400 with a SendGrid error body for malformed JSON', async () => {
    const res = await request(buildSinkApp())
      .post('/v3/mail/send')
      .set('Authorization', 'Bearer SG.test')
      .set('Content-Type', 'application/json')
      .send('{"from":');

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errors: [{ message: 'Bad Request', field: null, help: null }] });
  });
});
