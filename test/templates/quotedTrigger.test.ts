// The "Automatic follow ups" template on the real stack (worker, Temporal, FerretDB, SendGrid sink):
// a reply that merely quotes the quote email starts no new sequence, one that says the trigger phrase
// does; each follow-up carries its canned response's files.
import request from 'supertest';
import { Draft } from '@follow-ups/db';
import { useAppWithWorker } from '../helpers/backgroundWorker';
import { eventually } from '../helpers/testWorker';
import type { TestApp } from '../helpers/testApp';
import { mailsWithSubject, postDraft, replyToConversation, SENDER, sleep, type Org } from '../drafts/fixtures';

// "1 day" in a rule lasts one second: follow-ups 1, 3 and 7 seconds after the trigger.
const app = useAppWithWorker({ delayDivisor: 86_400 });
let testApp: TestApp;
let org: Org;
const TRIGGER = 'Here is the quote you requested';
const quotePdf = { filename: 'quote-2026.pdf', base64_data: Buffer.from('%PDF-1.4 the quote').toString('base64') };

beforeAll(async () => {
  testApp = app();
  org = await testApp.newOrganization();
  const template = await request(testApp.app)
    .post('/v1/rules/templates/automatic-follow-ups')
    .set(org.auth)
    .send({ trigger_phrase: TRIGGER, senders: [SENDER.address] })
    .expect(201);
  // The first follow-up re-sends the quote.
  await request(testApp.app)
    .patch(`/v1/responses/${template.body.responses[0].id}`)
    .set(org.auth)
    .send({ responses: { attachments: [quotePdf] } })
    .expect(200);
});

const followUpsOf = (message: string) =>
  Draft.countDocuments({ organization: org.id, triggerMessage: message, kind: 'followup' });

it('a reply that only quotes the quote email schedules nothing; one that says the phrase does', async () => {
  const trigger = (
    await postDraft(testApp, org, {
      subject: 'Quote for Jane',
      body: `<p>Hi Jane, ${TRIGGER}.</p>`,
      attachments: [quotePdf],
    }).expect(201)
  ).body.drafts;
  expect(await followUpsOf(trigger.message)).toBe(3);

  // Follow-up 1 goes out with the canned response's file.
  const [followUp] = await eventually(
    () => {
      const mails = mailsWithSubject(testApp, 'Re: Quote for Jane');
      return mails.length ? mails : undefined;
    },
    20_000,
    'follow-up 1',
  );
  expect(followUp.attachments.map((a) => [a.filename, a.type, Buffer.from(a.content, 'base64').toString()])).toEqual([
    ['quote-2026.pdf', 'application/pdf', '%PDF-1.4 the quote'],
  ]);

  // Jane answers: the rest is discarded.
  await replyToConversation(
    testApp,
    org,
    trigger.conversation,
    mailsWithSubject(testApp, 'Quote for Jane')[0].replyTo!.email,
  );
  await eventually(
    async () =>
      (await Draft.countDocuments({ organization: org.id, triggerMessage: trigger.message, status: 'scheduled' })) === 0
        ? true
        : undefined,
    10_000,
    'the rest discarded',
  );

  // Alex answers her, his mail client quoting the quote email below: "content" holds the phrase, the rule does not fire.
  // (`references` name the message answered, as a mail client's reply does: the quote email.)
  const quoteEmailId = mailsWithSubject(testApp, 'Quote for Jane')[0].headers['Message-ID'];
  const reply = (
    await postDraft(testApp, org, {
      subject: 'Re: Quote for Jane (call)',
      conversation: trigger.conversation,
      references: [quoteEmailId],
      body: 'Thanks Jane, I will call you tomorrow.',
      quote_previous_message: true,
    }).expect(201)
  ).body.drafts;
  expect(mailsWithSubject(testApp, 'Re: Quote for Jane (call)')[0].text).toContain(`wrote:\n> Hi Jane, ${TRIGGER}.`);
  expect(await followUpsOf(reply.message)).toBe(0);
  await sleep(1500); // past follow-up 1's time: nothing more is sent in the conversation
  expect(mailsWithSubject(testApp, 'Re: Re: Quote for Jane (call)')).toHaveLength(0);

  // A quote he sends himself, to someone else, still starts its own sequence.
  const fresh = (
    await postDraft(testApp, org, {
      subject: 'Quote for Bob',
      to_fields: [{ address: 'bob@prospect.test', name: 'Bob' }],
      body: `Hi Bob, ${TRIGGER}.`,
    }).expect(201)
  ).body.drafts;
  expect(await followUpsOf(fresh.message)).toBe(3);
});
