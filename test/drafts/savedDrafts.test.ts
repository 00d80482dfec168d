// A draft without `send`/`send_at` is saved (Missive's default): listed, sent on request — once,
// with its files — or deleted. Nothing about it runs rules until it is sent.
import request from 'supertest';
import { Conversation, Draft, Message, SavedDraft } from '@follow-ups/db';
import { startTestApp, type TestApp } from '../helpers/testApp';
import { newTaskQueue } from '../helpers/testWorker';
import { terminateRunning } from '../helpers/backgroundWorker';
import { footprint, mailsWithSubject, messagesOf, postDraft, SENDER, type ApiDraft, type Org } from './fixtures';

const TRIGGER = 'Here is the quote you requested';
const taskQueue = newTaskQueue();
let testApp: TestApp;
let org: Org;
beforeAll(async () => {
  testApp = await startTestApp({ taskQueue });
  org = await testApp.newOrganization();
  await request(testApp.app)
    .post('/v1/rules/templates/automatic-follow-ups')
    .set(org.auth)
    .send({ trigger_phrase: TRIGGER, senders: [SENDER.address] })
    .expect(201);
});
afterAll(async () => {
  await terminateRunning(testApp, taskQueue);
  await testApp.close();
});

const api = () => request(testApp.app);
const save = (fields: Record<string, unknown>) => postDraft(testApp, org, { send: undefined, ...fields });
const listed = async (o: Org = org): Promise<ApiDraft[]> =>
  (await api().get('/v1/drafts').set(o.auth).expect(200)).body.drafts;
const pdf = { filename: 'quote.pdf', base64_data: Buffer.from('%PDF-1.4 quote').toString('base64') };

it('is saved, not sent: no mail, no conversation, no message, no follow-up, even with the trigger phrase', async () => {
  const before = await footprint(testApp);
  const res = await save({ subject: 'Saved quote', body: `Hi Jane, ${TRIGGER}.`, attachments: [pdf] }).expect(201);
  expect(res.body.drafts).toMatchObject({
    status: 'draft',
    kind: 'saved',
    conversation: null,
    sent_at: null,
    message: null,
    attachments: [{ filename: 'quote.pdf', content_type: 'application/pdf', size: 14 }],
  });
  expect(await footprint(testApp)).toEqual(before);
  expect(await listed()).toEqual([expect.objectContaining({ id: res.body.drafts.id, status: 'draft' })]);
});

it('is sent by POST /v1/drafts/:id/send with its files, runs the rules then, and is gone from the list', async () => {
  const saved: ApiDraft = (
    await save({ subject: 'Send me later', body: `Hi Jane, ${TRIGGER}.`, attachments: [pdf] }).expect(201)
  ).body.drafts;
  const res = await api().post(`/v1/drafts/${saved.id}/send`).set(org.auth).send({}).expect(201);
  expect(res.body.drafts).toMatchObject({
    status: 'sent',
    kind: 'sent_now',
    conversation: expect.any(String),
    message: expect.any(String),
  });
  const [mail] = mailsWithSubject(testApp, 'Send me later');
  expect(mail.attachments.map((a) => [a.filename, a.type])).toEqual([['quote.pdf', 'application/pdf']]);
  // The outgoing rules ran on the sent message: the template scheduled its three follow-ups.
  expect(
    await Draft.countDocuments({ organization: org.id, triggerMessage: res.body.drafts.message, kind: 'followup' }),
  ).toBe(3);
  expect((await listed()).map((d) => d.id)).not.toContain(saved.id);
  expect(await SavedDraft.exists({ _id: saved.id })).toBeNull();

  // Sending again answers the first result and sends nothing more.
  const again = await api().post(`/v1/drafts/${saved.id}/send`).set(org.auth).send({}).expect(201);
  expect(again.body.drafts.message).toBe(res.body.drafts.message);
  expect(mailsWithSubject(testApp, 'Send me later')).toHaveLength(1);
});

it('racing sends of one saved draft send one mail', async () => {
  const saved: ApiDraft = (await save({ subject: 'Raced' }).expect(201)).body.drafts;
  const answers = await Promise.all(
    [1, 2, 3].map(() => api().post(`/v1/drafts/${saved.id}/send`).set(org.auth).send({})),
  );
  expect(answers.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
  for (const r of answers) expect([201, 409]).toContain(r.status);
  expect(mailsWithSubject(testApp, 'Raced')).toHaveLength(1);
  expect(await Message.countDocuments({ organization: org.id, subject: 'Raced' })).toBe(1);
});

it('appends to the conversation it names when sent', async () => {
  const first = (await postDraft(testApp, org, { subject: 'Existing thread' }).expect(201)).body.drafts;
  const saved: ApiDraft = (
    await save({ subject: undefined, conversation: first.conversation, body: 'A saved reply.' }).expect(201)
  ).body.drafts;
  expect(saved.conversation).toBe(first.conversation);
  expect(await messagesOf(testApp, org, first.conversation)).toHaveLength(1);
  await api().post(`/v1/drafts/${saved.id}/send`).set(org.auth).send({}).expect(201);
  expect((await messagesOf(testApp, org, first.conversation)).map((m) => m.subject)).toEqual([
    'Existing thread',
    'Existing thread',
  ]);
});

it('is deleted by DELETE /v1/drafts/:id, with its files; it cannot be sent after', async () => {
  const saved: ApiDraft = (await save({ subject: 'Delete me', attachments: [pdf] }).expect(201)).body.drafts;
  const res = await api().delete(`/v1/drafts/${saved.id}`).set(org.auth).expect(200);
  expect(res.body.drafts).toMatchObject({ id: saved.id, kind: 'saved', status: 'discarded' });
  expect((await listed()).map((d) => d.id)).not.toContain(saved.id);
  await api().post(`/v1/drafts/${saved.id}/send`).set(org.auth).send({}).expect(404);
  await api().delete(`/v1/drafts/${saved.id}`).set(org.auth).expect(404);
  expect(mailsWithSubject(testApp, 'Delete me')).toHaveLength(0);
});

it('is invisible to another organization: not listed, not sent, not deleted', async () => {
  const saved: ApiDraft = (await save({ subject: 'Private draft' }).expect(201)).body.drafts;
  const other = await testApp.newOrganization('Other');
  expect(await listed(other)).toEqual([]);
  await api().post(`/v1/drafts/${saved.id}/send`).set(other.auth).send({}).expect(404);
  await api().delete(`/v1/drafts/${saved.id}`).set(other.auth).expect(404);
  expect(await SavedDraft.exists({ _id: saved.id })).not.toBeNull();
  expect(await Conversation.countDocuments({ organization: other.id })).toBe(0);
});

it('is checked like a send when saved: a 404 for an unknown label, and nothing is kept', async () => {
  const before = await SavedDraft.countDocuments({});
  await save({ subject: 'Bad label', add_shared_labels: ['0123456789abcdef01234567'] }).expect(404);
  expect(await SavedDraft.countDocuments({})).toBe(before);
});
