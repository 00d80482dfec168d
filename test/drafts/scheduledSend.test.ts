// `send_at` drafts on the real stack: a Temporal worker with the real activities sends them through
// the SendGrid sink at their time; replies (SendGrid Inbound Parse) and DELETE discard them.
import request from 'supertest';
import { TEST_REPLY_DOMAIN, type TestApp } from '../helpers/testApp';
import { useAppWithWorker } from '../helpers/backgroundWorker';
import { eventually } from '../helpers/testWorker';
import {
  draftsOf,
  inSeconds,
  mailsWithSubject,
  messagesOf,
  postDraft,
  PROSPECT,
  replyToConversation,
  sleep,
  type ApiDraft,
  type Org,
} from './fixtures';

// "1 day" in a rule lasts one second.
const DIVISOR = 86_400;
const TRIGGER = 'Here is the quote you requested';

const app = useAppWithWorker({ delayDivisor: DIVISOR });
let testApp: TestApp;
beforeAll(() => {
  testApp = app();
});

const api = () => request(testApp.app);
const scheduled = (fields: Record<string, unknown>) => ({ send: undefined, ...fields });
const waitForMail = (subject: string, count = 1) =>
  eventually(
    () => (mailsWithSubject(testApp, subject).length >= count ? mailsWithSubject(testApp, subject) : undefined),
    20_000,
    `${count} mail(s) "${subject}"`,
  );
/** Sleeps until `ms` after the unix second `at`. */
const sleepPast = (at: number, ms: number) => sleep(Math.max(0, at * 1000 + ms - Date.now()));

/** A conversation started with `send: true`; returns its id and the Reply-To address its mail carried. */
async function startConversation(org: Org, subject: string) {
  const conversation: string = (await postDraft(testApp, org, { subject }).expect(201)).body.drafts.conversation;
  const [mail] = mailsWithSubject(testApp, subject);
  expect(mail.replyTo?.email).toMatch(new RegExp(`^reply\\+.+@${TEST_REPLY_DOMAIN.replace(/\./g, '\\.')}$`));
  return { conversation, replyAddress: mail.replyTo!.email };
}

it('is answered 201 scheduled, reaches SendGrid at its time, and is then listed as sent', async () => {
  const org = await testApp.newOrganization();
  const sendAt = inSeconds(4); // a loaded machine must not see it in the past on arrival
  const res = await postDraft(testApp, org, scheduled({ subject: 'Scheduled quote', send_at: sendAt })).expect(201);
  const created: ApiDraft = res.body.drafts;
  expect(created).toMatchObject({
    status: 'scheduled',
    kind: 'scheduled_send',
    send_at: sendAt,
    sent_at: null,
    auto_followup: false,
  });
  expect(await draftsOf(testApp, org, created.conversation)).toEqual([
    expect.objectContaining({ id: created.id, status: 'scheduled' }),
  ]);
  expect(mailsWithSubject(testApp, 'Scheduled quote')).toHaveLength(0);

  const [mail] = await waitForMail('Scheduled quote');
  expect(Date.parse(mail.receivedAt)).toBeGreaterThanOrEqual(sendAt * 1000);
  expect(mail.to.map((t) => t.email)).toEqual([PROSPECT.address]);

  const [sent] = await eventually(
    async () => {
      const drafts = await draftsOf(testApp, org, created.conversation);
      return drafts[0]?.status === 'sent' ? drafts : undefined;
    },
    10_000,
    'the draft to be marked sent',
  );
  expect(sent).toMatchObject({ id: created.id, kind: 'scheduled_send', message: expect.any(String) });
  expect(sent.sent_at).toBeGreaterThanOrEqual(sendAt);
  const messages = await messagesOf(testApp, org, created.conversation);
  expect(messages.map((m) => [m.origin, m.message_id])).toEqual([['api', mail.headers['Message-ID']]]);

  // Sent once, not again.
  await sleep(1_500);
  expect(mailsWithSubject(testApp, 'Scheduled quote')).toHaveLength(1);
});

it('with auto_followup, a reply before its time discards it and it is never sent', async () => {
  const org = await testApp.newOrganization();
  const { conversation, replyAddress } = await startConversation(org, 'Quote, auto follow-up');
  const sendAt = inSeconds(4);
  const created: ApiDraft = (
    await postDraft(
      testApp,
      org,
      scheduled({ conversation, subject: 'Bump if silent', send_at: sendAt, auto_followup: true }),
    ).expect(201)
  ).body.drafts;
  expect(created).toMatchObject({ status: 'scheduled', auto_followup: true, conversation });

  await replyToConversation(testApp, org, conversation, replyAddress);
  // Once the webhook has answered 200 the draft is already discarded.
  expect((await draftsOf(testApp, org, conversation)).find((d) => d.id === created.id)).toMatchObject({
    status: 'discarded',
    reason: expect.stringMatching(/reply/),
  });

  await sleepPast(sendAt, 2_500);
  expect(mailsWithSubject(testApp, 'Bump if silent')).toHaveLength(0);
  expect(await draftsOf(testApp, org, conversation)).toEqual([
    expect.objectContaining({ id: created.id, status: 'discarded', sent_at: null, message: null }),
  ]);
  expect((await messagesOf(testApp, org, conversation)).map((m) => m.origin)).toEqual(['api', 'inbound']);
});

it('without auto_followup, it survives a reply and is sent at its time', async () => {
  const org = await testApp.newOrganization();
  const { conversation, replyAddress } = await startConversation(org, 'Quote, plain scheduled send');
  const sendAt = inSeconds(3);
  const created: ApiDraft = (
    await postDraft(testApp, org, scheduled({ conversation, subject: 'Agenda for Monday', send_at: sendAt })).expect(
      201,
    )
  ).body.drafts;

  await replyToConversation(testApp, org, conversation, replyAddress);
  expect((await draftsOf(testApp, org, conversation)).find((d) => d.id === created.id)).toMatchObject({
    status: 'scheduled',
  });

  const [mail] = await waitForMail('Agenda for Monday');
  expect(Date.parse(mail.receivedAt)).toBeGreaterThanOrEqual(sendAt * 1000);
  await eventually(
    async () => (await draftsOf(testApp, org, conversation)).find((d) => d.id === created.id && d.status === 'sent'),
    10_000,
    'the draft to be sent',
  );
  expect((await messagesOf(testApp, org, conversation)).map((m) => m.origin)).toEqual(['api', 'inbound', 'api']);
});

it('discarded with DELETE, it is never sent and stays discarded', async () => {
  const org = await testApp.newOrganization();
  const sendAt = inSeconds(4); // a loaded machine must not see it in the past on arrival
  const created: ApiDraft = (
    await postDraft(testApp, org, scheduled({ subject: 'Changed my mind', send_at: sendAt })).expect(201)
  ).body.drafts;

  const res = await api().delete(`/v1/drafts/${created.id}`).set(org.auth).expect(200);
  expect(res.body.drafts).toMatchObject({ id: created.id, status: 'discarded', reason: expect.stringMatching(/API/) });

  await sleepPast(sendAt, 2_500);
  expect(mailsWithSubject(testApp, 'Changed my mind')).toHaveLength(0);
  expect(await draftsOf(testApp, org, created.conversation)).toEqual([
    expect.objectContaining({ id: created.id, status: 'discarded', message: null }),
  ]);
  expect(await messagesOf(testApp, org, created.conversation)).toEqual([]);
  expect((await api().delete(`/v1/drafts/${created.id}`).set(org.auth)).status).toBe(409);
});

it('whose body holds a rule trigger starts the follow-up sequence when it goes out, not before', async () => {
  const org = await testApp.newOrganization();
  const response = (
    await api()
      .post('/v1/responses')
      .set(org.auth)
      .send({
        responses: [
          { title: 'Nudge', body: "Hi {{ recipient.first_name | default: 'there' }}, any thoughts on the quote?" },
        ],
      })
      .expect(201)
  ).body.responses[0].id;
  const label = (
    await api()
      .post('/v1/shared_labels')
      .set(org.auth)
      .send({ shared_labels: [{ name: 'Follow-up in progress' }] })
      .expect(201)
  ).body.shared_labels[0].id;
  const rule = (
    await api()
      .post('/v1/rules')
      .set(org.auth)
      .send({
        rules: {
          description: 'Automatic follow ups',
          conditions: { match: 'all', items: [{ field: 'content', operator: 'contains', values: [TRIGGER] }] },
          actions: [
            { type: 'schedule_followup', response, send_after: { amount: 2, unit: 'days' } },
            { type: 'add_labels', labels: [label] },
          ],
        },
      })
      .expect(201)
  ).body.rules.id;

  const sendAt = inSeconds(4); // a loaded machine must not see it in the past on arrival
  const created: ApiDraft = (
    await postDraft(
      testApp,
      org,
      scheduled({ subject: 'Quote for Globex', body: `<p>Hi Jane,</p><p>${TRIGGER}.</p>`, send_at: sendAt }),
    ).expect(201)
  ).body.drafts;
  const conversationOf = async () =>
    (await api().get(`/v1/conversations/${created.conversation}`).set(org.auth).expect(200)).body.conversations[0];
  // Scheduling is not sending: no rule has run yet.
  expect(await conversationOf()).toMatchObject({ sequence: null, shared_labels: [] });
  expect(await draftsOf(testApp, org, created.conversation)).toHaveLength(1);

  const [initial] = await waitForMail('Quote for Globex');
  const [followUp] = await waitForMail('Re: Quote for Globex');
  expect(Date.parse(followUp.receivedAt) - Date.parse(initial.receivedAt)).toBeGreaterThanOrEqual(1_900);
  expect(followUp.text).toMatch(/Hi Jane, any thoughts on the quote\?/);
  expect(followUp.headers['In-Reply-To']).toBe(initial.headers['Message-ID']);

  const drafts = await eventually(
    async () => {
      const list = await draftsOf(testApp, org, created.conversation);
      return list.length === 2 && list.every((d) => d.status === 'sent') ? list : undefined;
    },
    10_000,
    'both drafts sent',
  );
  expect(drafts.map((d) => [d.kind, (d as { rule?: string }).rule ?? null])).toEqual([
    ['scheduled_send', null],
    ['followup', rule],
  ]);
  const conversation = await conversationOf();
  expect(conversation.shared_labels.map((l: { id: string }) => l.id)).toEqual([label]);
  expect(conversation.sequence).toMatchObject({ id: expect.stringContaining(created.conversation) });
  expect((await messagesOf(testApp, org, created.conversation)).map((m) => m.origin)).toEqual(['api', 'automation']);
});

it('sends its attachments at its time (stored under the draft until then)', async () => {
  const org = await testApp.newOrganization();
  const sendAt = inSeconds(4); // a loaded machine must not see it in the past on arrival
  const pdf = { filename: 'quote.pdf', base64_data: Buffer.from('%PDF scheduled').toString('base64') };
  const res = await postDraft(
    testApp,
    org,
    scheduled({ subject: 'Scheduled with file', send_at: sendAt, attachments: [pdf] }),
  ).expect(201);
  expect(res.body.drafts.attachments).toEqual([{ filename: 'quote.pdf', content_type: 'application/pdf', size: 14 }]);
  const [mail] = await waitForMail('Scheduled with file');
  expect(mail.attachments.map((a) => [a.filename, a.type, Buffer.from(a.content, 'base64').toString()])).toEqual([
    ['quote.pdf', 'application/pdf', '%PDF scheduled'],
  ]);
  const messages = await eventually(
    async () => {
      const listed = (
        await api().get(`/v1/conversations/${res.body.drafts.conversation}/messages`).set(org.auth).expect(200)
      ).body.messages;
      return listed.length ? listed : undefined;
    },
    10_000,
    'the sent message',
  );
  expect(messages[0].attachments).toEqual(res.body.drafts.attachments);
});
