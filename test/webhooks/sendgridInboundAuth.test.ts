import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { Conversation, Draft, InboundMail, loadAttachments, Message } from '@follow-ups/db';
import { replyAddress, replyToken } from '@follow-ups/domain';
import { buildApp } from '@follow-ups/ingest';
import { encodeMultipart, inboundPayload } from '../helpers/inboundPayload';
import { useTestApp, TEST_REPLY_DOMAIN, TEST_REPLY_SECRET, TEST_WEBHOOK_SECRET } from '../helpers/testApp';

const PROSPECT = { address: 'jane@prospect.test', name: 'Jane Doe' };
const PATH = `/webhooks/sendgrid/inbound/${TEST_WEBHOOK_SECRET}`;

let replyTo: string;
let draftId: unknown;
const testApp = useTestApp();
beforeAll(async () => {
  const org = await testApp.newOrganization();
  const conversation = await Conversation.create({ organization: org.id, subject: 'Your quote' });
  const draft = await Draft.create({
    organization: org.id,
    conversation: conversation._id,
    kind: 'followup',
    step: 1,
    sendAt: new Date(Date.now() + 86_400_000),
    messageId: `<${randomBytes(6).toString('hex')}@${TEST_REPLY_DOMAIN}>`,
  });
  draftId = draft._id;
  replyTo = replyAddress(replyToken(String(conversation._id), TEST_REPLY_SECRET), TEST_REPLY_DOMAIN);
});

const reply = () => inboundPayload({ from: PROSPECT, to: [replyTo], subject: 'Re: Your quote', text: 'Yes' });

/** Nothing of the request reached the database. */
async function expectNothingWritten() {
  expect(await InboundMail.countDocuments()).toBe(0);
  expect(await Message.countDocuments()).toBe(0);
  expect((await Draft.findById(draftId).lean())?.status).toBe('scheduled');
}

describe('SendGrid Inbound Parse webhook: authentication and validation', () => {
  it('rejects a wrong or missing secret with 401 and writes nothing', async () => {
    const res = await reply().post(request(testApp.app), 'not-the-secret').expect(401);
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    await request(testApp.app).post('/webhooks/sendgrid/inbound/').send('x').expect(404);
    await expectNothingWritten();
  });

  it('requires HTTP basic auth when it is configured', async () => {
    const app = buildApp({ ...testApp.deps, inboundWebhookBasicAuth: 'sendgrid:s3cr3t' });
    const missing = await reply().post(request(app), TEST_WEBHOOK_SECRET).expect(401);
    expect(missing.body.error.code).toBe('unauthorized');
    expect(missing.headers['www-authenticate']).toMatch(/^Basic /);
    await reply().post(request(app), TEST_WEBHOOK_SECRET).auth('sendgrid', 'wrong').expect(401);
    await reply().post(request(app), 'not-the-secret').auth('sendgrid', 's3cr3t').expect(401);
    await expectNothingWritten();

    await reply()
      .post(request(app), TEST_WEBHOOK_SECRET)
      .auth('sendgrid', 's3cr3t')
      .expect(200, { status: 'accepted' });
    expect(await InboundMail.countDocuments()).toBe(1);
    await InboundMail.deleteMany({});
    await Message.deleteMany({});
    await Draft.updateOne({ _id: draftId }, { $set: { status: 'scheduled' } });
  });

  it('rejects a JSON body with 400 validation_error', async () => {
    const res = await request(testApp.app)
      .post(PATH)
      .send({ from: PROSPECT.address, to: replyTo, headers: 'Subject: x', text: 'Yes' })
      .expect(400);
    expect(res.body.error).toMatchObject({
      code: 'validation_error',
      issues: [{ path: 'headers.content-type', message: expect.any(String) }],
    });
    await expectNothingWritten();
  });

  it('rejects a multipart body without the Inbound Parse fields with 400 and the issues', async () => {
    const { contentType, body } = encodeMultipart({ foo: 'bar', to: replyTo });
    const res = await request(testApp.app).post(PATH).set('Content-Type', contentType).send(body).expect(400);
    expect(res.body.error).toMatchObject({
      code: 'validation_error',
      issues: [{ path: 'body.email', message: expect.stringMatching(/raw mode/) }],
    });
    await request(testApp.app).post(PATH).field('from', PROSPECT.address).field('to', replyTo).expect(400);
    await expectNothingWritten();
  });

  it('rejects a truncated multipart body with 400', async () => {
    const { contentType, body } = reply().multipart();
    const res = await request(testApp.app)
      .post(PATH)
      .set('Content-Type', contentType)
      .send(body.subarray(0, body.length - 40))
      .expect(400);
    expect(res.body.error.code).toBe('validation_error');
    await expectNothingWritten();
  });

  it('keeps attachment files sent as supertest (busboy-style) file parts, and accepts the mail', async () => {
    const payload = reply();
    await request(testApp.app)
      .post(PATH)
      .field(
        Object.fromEntries(
          Object.entries(payload.fields)
            .filter(([k]) => k !== 'attachments')
            .map(([k, v]) => [k, v.toString()]),
        ),
      )
      .field('attachments', '1')
      .attach('attachment1', Buffer.from('%PDF-1.4 quote'), 'quote.pdf')
      .expect(200, { status: 'accepted' });
    const [message] = await Message.find({ direction: 'inbound' }).lean();
    const [attachment, ...others] = await loadAttachments(message.organization, message._id);
    expect(others).toHaveLength(0);
    expect(attachment).toMatchObject({ filename: 'quote.pdf', contentType: 'application/pdf', size: 14 });
    expect(attachment.content.toString()).toBe('%PDF-1.4 quote');
  });
});
