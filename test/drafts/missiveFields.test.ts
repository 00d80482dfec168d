// Missive's draft fields on the real stack (FerretDB, Temporal, the SendGrid sink over HTTP): each
// one either works or is a 400 that names it; attachments within Missive's limits reach SendGrid and
// are kept; `references` thread into the organization's conversation holding the Message-ID.
import request from 'supertest';
import { ATTACHMENTS_MAX, UNSUPPORTED_DRAFT_FIELDS } from '@follow-ups/contract';
import { loadAttachments, SharedLabel, Team } from '@follow-ups/db';
import { startTestApp, type TestApp } from '../helpers/testApp';
import { footprint, mailsWithSubject, messagesOf, postDraft, PROSPECT, SENDER, type Org } from './fixtures';

let testApp: TestApp;
let org: Org;
beforeAll(async () => {
  testApp = await startTestApp();
  org = await testApp.newOrganization();
});
afterAll(() => testApp.close());

const api = () => request(testApp.app);
type Issue = { path: string; message: string };
const PDF = Buffer.from('%PDF-1.4\n% the quote you requested\n%%EOF\n');
const file = (filename: string, content: Buffer = PDF) => ({ filename, base64_data: content.toString('base64') });
const conversationOf = async (id: string) =>
  (await api().get(`/v1/conversations/${id}`).set(org.auth).expect(200)).body.conversations[0];

/** POSTs the draft, expects a 400 whose issues include `path` (and a message matching `message`), and that nothing was written or sent. */
async function expectRefused(fields: Record<string, unknown>, path: string, message?: RegExp) {
  const before = await footprint(testApp);
  const res = await postDraft(testApp, org, fields);
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('validation_error');
  const issue = (res.body.error.issues as Issue[]).find((i) => i.path === path);
  expect(issue).toBeDefined();
  if (message) expect(issue!.message).toMatch(message);
  expect(await footprint(testApp)).toEqual(before);
}

describe('fields this engine cannot honour', () => {
  it.each(Object.keys(UNSUPPORTED_DRAFT_FIELDS))('`%s` is a 400 that names it, and nothing is sent', async (name) => {
    await expectRefused(
      { [name]: name === 'add_to_inbox' ? true : 'x' },
      `body.drafts.${name}`,
      new RegExp(`\`${name}\` is not supported`),
    );
  });

  it('an SMS or WhatsApp recipient (`phone_number`) is a 400 that names it', async () => {
    await expectRefused(
      { to_fields: [{ phone_number: '+18005550199' }] },
      'body.drafts.to_fields.0.phone_number',
      /SMS and WhatsApp/,
    );
    await expectRefused(
      { from_field: { address: SENDER.address, phone_number: '+18005550199' } },
      'body.drafts.from_field.phone_number',
      /SMS and WhatsApp/,
    );
  });

  it('any other unknown field is a 400 too, never dropped silently', async () => {
    const res = await postDraft(testApp, org, { colour_of_the_day: 'blue' }).expect(400);
    expect(JSON.stringify(res.body.error.issues)).toContain('colour_of_the_day');
  });

  it('the OpenAPI document lists the supported fields and says which are refused', async () => {
    const spec = (await api().get('/openapi.json').expect(200)).body;
    const props =
      spec.paths['/v1/drafts'].post.requestBody.content['application/json'].schema.properties.drafts.properties;
    for (const supported of [
      'attachments',
      'references',
      'close',
      'add_shared_labels',
      'remove_shared_labels',
      'conversation_subject',
      'quote_previous_message',
      'send',
      'send_at',
    ]) {
      expect(props[supported]?.description ?? '').not.toMatch(/^Not supported/);
    }
    for (const refused of Object.keys(UNSUPPORTED_DRAFT_FIELDS))
      expect(props[refused].description).toMatch(/^Not supported \(400\)/);
  });
});

describe('attachments', () => {
  it('reach SendGrid with a content type from the file name, and are kept on the message', async () => {
    const res = await postDraft(testApp, org, {
      subject: 'Quote with PDF',
      attachments: [file('Quote 2026.pdf'), file('terms.txt', Buffer.from('Net 30'))],
    }).expect(201);
    expect(res.body.drafts.attachments).toEqual([
      { filename: 'Quote 2026.pdf', content_type: 'application/pdf', size: PDF.length },
      { filename: 'terms.txt', content_type: 'text/plain', size: 6 },
    ]);
    const [mail] = mailsWithSubject(testApp, 'Quote with PDF');
    expect(mail.attachments.map((a) => [a.filename, a.type, Buffer.from(a.content, 'base64').toString()])).toEqual([
      ['Quote 2026.pdf', 'application/pdf', PDF.toString()],
      ['terms.txt', 'text/plain', 'Net 30'],
    ]);
    const listed = (
      await api().get(`/v1/conversations/${res.body.drafts.conversation}/messages`).set(org.auth).expect(200)
    ).body.messages;
    expect(listed[0].attachments).toEqual(res.body.drafts.attachments);
    const kept = await loadAttachments(org.id, res.body.drafts.message);
    expect(
      kept.map((a) => [a.filename, a.content.equals(a.filename === 'terms.txt' ? Buffer.from('Net 30') : PDF)]),
    ).toEqual([
      ['Quote 2026.pdf', true],
      ['terms.txt', true],
    ]);
  });

  it(`more than ${ATTACHMENTS_MAX} files is a 400 naming the limit`, async () => {
    const files = Array.from({ length: ATTACHMENTS_MAX + 1 }, (_, i) => file(`part-${i}.txt`, Buffer.from('x')));
    await expectRefused({ attachments: files }, 'body.drafts.attachments', /at most 25 attachments/);
  });

  it('more than 10 MB in all, decoded, is a 400 naming the limit', async () => {
    const half = Buffer.alloc(5 * 1024 * 1024 + 1, 7);
    await expectRefused(
      { attachments: [file('a.bin', half), file('b.bin', half)] },
      'body.drafts.attachments',
      /at most 10 MB in all/,
    );
  });

  it.each([
    [
      'content that is not base64',
      { filename: 'a.pdf', base64_data: 'not base64!' },
      'body.drafts.attachments.0.base64_data',
    ],
    [
      'a file name with a path',
      { filename: '../etc/passwd', base64_data: 'eA==' },
      'body.drafts.attachments.0.filename',
    ],
    [
      'a file name with a line break',
      { filename: 'a\r\nb.pdf', base64_data: 'eA==' },
      'body.drafts.attachments.0.filename',
    ],
    [
      'an unknown attachment field',
      { filename: 'a.pdf', base64_data: 'eA==', url: 'https://x' },
      'body.drafts.attachments.0',
    ],
  ])('%s is a 400', async (_what, attachment, path) => {
    await expectRefused({ attachments: [attachment] }, path);
  });
});

describe('references', () => {
  it("append to the organization's conversation holding the Message-ID, threaded under it", async () => {
    const first = (await postDraft(testApp, org, { subject: 'Thread by reference' }).expect(201)).body.drafts;
    const [original] = await messagesOf(testApp, org, first.conversation);
    const res = await postDraft(testApp, org, {
      subject: 'Re: Thread by reference',
      body: 'One more thing.',
      references: ['<unknown@elsewhere.test>', original.message_id],
    }).expect(201);
    expect(res.body.drafts.conversation).toBe(first.conversation);
    expect((await messagesOf(testApp, org, first.conversation)).map((m) => m.subject)).toEqual([
      'Thread by reference',
      'Re: Thread by reference',
    ]);
    const [mail] = mailsWithSubject(testApp, 'Re: Thread by reference');
    expect(mail.headers['In-Reply-To']).toBe(original.message_id);
  });

  it("never reach another organization's conversation: no match starts a new one", async () => {
    const first = (await postDraft(testApp, org, { subject: 'Not yours' }).expect(201)).body.drafts;
    const [original] = await messagesOf(testApp, org, first.conversation);
    const other = await testApp.newOrganization('Other');
    const res = await postDraft(testApp, other, { subject: 'Re: Not yours', references: [original.message_id] }).expect(
      201,
    );
    expect(res.body.drafts.conversation).not.toBe(first.conversation);
    expect(await messagesOf(testApp, org, first.conversation)).toHaveLength(1);
  });
});

describe('conversation fields', () => {
  it('add_shared_labels, remove_shared_labels, conversation_subject and close change the conversation', async () => {
    const [keep, drop] = await SharedLabel.insertMany([
      { organization: org.id, name: 'Quote sent' },
      { organization: org.id, name: 'Waiting' },
    ]);
    const first = (
      await postDraft(testApp, org, {
        subject: 'Labels',
        add_shared_labels: [String(keep._id), String(drop._id)],
        conversation_subject: 'Acme deal',
      }).expect(201)
    ).body.drafts;
    let conversation = await conversationOf(first.conversation);
    expect(conversation).toMatchObject({ subject: 'Acme deal', closed_at: null });
    expect(conversation.shared_labels.map((l: { name: string }) => l.name).sort()).toEqual(['Quote sent', 'Waiting']);
    const [mail] = mailsWithSubject(testApp, 'Labels');
    expect(mail.subject).toBe('Labels'); // the mail keeps its own subject

    await postDraft(testApp, org, {
      subject: undefined,
      conversation: first.conversation,
      remove_shared_labels: [String(drop._id)],
      conversation_subject: 'Acme deal (won)',
      close: true,
    }).expect(201);
    conversation = await conversationOf(first.conversation);
    expect(conversation).toMatchObject({
      subject: 'Acme deal (won)',
      shared_labels: [{ id: String(keep._id), name: 'Quote sent' }],
    });
    expect(conversation.closed_at).toEqual(expect.any(Number));
  });

  it('a label of another organization in remove_shared_labels is a 404, and nothing is sent', async () => {
    const other = await testApp.newOrganization('Other labels');
    const foreign = await SharedLabel.create({ organization: other.id, name: 'Theirs' });
    const before = await footprint(testApp);
    await postDraft(testApp, org, { remove_shared_labels: [String(foreign._id)] }).expect(404);
    expect(await footprint(testApp)).toEqual(before);
  });

  it('team applies to a new conversation; an existing one moves only with force_team', async () => {
    const [sales, support] = await Team.insertMany([
      { organization: org.id, name: 'Sales' },
      { organization: org.id, name: 'Support' },
    ]);
    const first = (await postDraft(testApp, org, { subject: 'Teams', team: String(sales._id) }).expect(201)).body
      .drafts;
    await postDraft(testApp, org, {
      subject: undefined,
      conversation: first.conversation,
      team: String(support._id),
    }).expect(201);
    expect((await conversationOf(first.conversation)).team).toBe(String(sales._id));
    await postDraft(testApp, org, {
      subject: undefined,
      conversation: first.conversation,
      team: String(support._id),
      force_team: true,
    }).expect(201);
    expect((await conversationOf(first.conversation)).team).toBe(String(support._id));
  });

  it('quote_previous_message quotes the message it answers below the body, in text and HTML', async () => {
    const first = (
      await postDraft(testApp, org, {
        subject: 'Quoting',
        body: '<p>Hi Jane, Here is the quote you requested.</p>',
      }).expect(201)
    ).body.drafts;
    await postDraft(testApp, org, {
      subject: 'Re: Quoting',
      conversation: first.conversation,
      body: 'Just checking in on the quote I sent.',
      quote_previous_message: true,
    }).expect(201);
    const [mail] = mailsWithSubject(testApp, 'Re: Quoting');
    expect(mail.text).toMatch(
      /^Just checking in on the quote I sent\.\n\nOn \w{3}, \d{2} \w{3} \d{4} [\d:]{8} GMT, Alex Seller <alex@seller\.test> wrote:\n> Hi Jane, Here is the quote you requested\.$/,
    );
    expect(mail.html).toContain('<blockquote');
    expect(mail.html).toMatch(/<blockquote[^>]*><p>Hi Jane, Here is the quote you requested\.<\/p><\/blockquote>/);
    // Without it, nothing is quoted.
    await postDraft(testApp, org, {
      subject: 'Re: Quoting (plain)',
      conversation: first.conversation,
      body: 'No quote here.',
    }).expect(201);
    expect(mailsWithSubject(testApp, 'Re: Quoting (plain)')[0].text).toBe('No quote here.');
  });

  it('the recipients are the ones given, not the quoted ones', async () => {
    const first = (await postDraft(testApp, org, { subject: 'Recipients' }).expect(201)).body.drafts;
    await postDraft(testApp, org, {
      subject: 'Re: Recipients',
      conversation: first.conversation,
      quote_previous_message: true,
    }).expect(201);
    expect(mailsWithSubject(testApp, 'Re: Recipients')[0].to.map((t) => t.email)).toEqual([PROSPECT.address]);
  });
});
