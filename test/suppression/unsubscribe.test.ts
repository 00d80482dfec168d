import request from 'supertest';
import { Suppression } from '@follow-ups/db';
import { sequenceWorkflowId, unsubscribeHeaders, unsubscribeMailAddress, unsubscribeUrl } from '@follow-ups/domain';
import type { followUpSequence } from '@follow-ups/workflows';
import { inboundPayload } from '../helpers/inboundPayload';
import { TEST_REPLY_DOMAIN, TEST_REPLY_SECRET, TEST_WEBHOOK_SECRET } from '../helpers/testApp';
import { useAppWithWorker } from '../helpers/backgroundWorker';

// Follow-ups 1, 3 and 7 "days" after the trigger last 10, 30 and 70 seconds: unsubscribing at once discards all three.
const DIVISOR = 8_640;
const TRIGGER = 'Here is the quote you requested';
const SENDER = { address: 'alex@seller.test', name: 'Alex Seller' };
const config = {
  publicBaseUrl: 'https://followups.example',
  replyDomain: TEST_REPLY_DOMAIN,
  secret: TEST_REPLY_SECRET,
};

describe('one-click unsubscribe', () => {
  const getApp = useAppWithWorker({ delayDivisor: DIVISOR });

  async function startSequence(prospect: string) {
    const org = await getApp().newOrganization();
    await request(getApp().app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: TRIGGER, senders: [SENDER.address] })
      .expect(201);
    const sent = await request(getApp().app)
      .post('/v1/drafts')
      .set(org.auth)
      .send({
        drafts: {
          subject: 'Your quote',
          body: `<p>${TRIGGER}.</p>`,
          from_field: SENDER,
          to_fields: [{ address: prospect }],
          send: true,
        },
      })
      .expect(201);
    return { org, conversation: sent.body.drafts.conversation as string };
  }

  async function expectStoppedAndSuppressed(
    org: { id: string; auth: Record<string, string> },
    conversation: string,
    prospect: string,
    source: string,
  ) {
    const final = await getApp()
      .deps.temporal.workflow.getHandle<typeof followUpSequence>(sequenceWorkflowId(org.id, conversation))
      .result();
    expect(final.status).toBe('stopped');
    const drafts = (
      await request(getApp().app).get(`/v1/conversations/${conversation}/drafts`).set(org.auth).expect(200)
    ).body.drafts;
    expect(drafts.map((d: { status: string; reason: string }) => `${d.status} ${d.reason}`)).toEqual(
      Array(3).fill('discarded unsubscribed'),
    );
    expect((await Suppression.findSuppressed(org.id, [prospect]))[0]).toMatchObject({ reason: 'unsubscribed', source });
    const again = await request(getApp().app)
      .post('/v1/drafts')
      .set(org.auth)
      .send({
        drafts: { subject: 'Hi', body: 'x', from_field: SENDER, to_fields: [{ address: prospect }], send: true },
      })
      .expect(422);
    expect(again.body.error.code).toBe('recipient_suppressed');
    expect(getApp().sink.list({ to: prospect })).toHaveLength(1); // the initial mail only
  }

  it('the RFC 8058 POST stops the sequence and suppresses the address; the GET page only asks', async () => {
    const prospect = 'one-click@prospect.test';
    const { org, conversation } = await startSequence(prospect);
    const path = new URL(unsubscribeUrl(org.id, prospect, config)).pathname;

    const page = await request(getApp().app)
      .get(path)
      .expect(200)
      .expect('Content-Type', /text\/html/);
    expect(page.text).toContain(prospect);
    expect(page.text).toContain(`<form method="post" action="${getApp().deps.publicBaseUrl}${path}">`);
    expect(await Suppression.findSuppressed(org.id, [prospect])).toEqual([]);

    // A token re-pointed at another address, or another organization, is refused.
    const [orgId, , hmac] = path.slice('/u/'.length).split('.');
    const other = Buffer.from('someone-else@prospect.test').toString('base64url');
    await request(getApp().app)
      .post(`/u/${orgId}.${other}.${hmac}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(404);
    expect(await Suppression.countDocuments({ organization: org.id })).toBe(0);

    await request(getApp().app).post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
    await expectStoppedAndSuppressed(org, conversation, prospect, 'unsubscribe_link');
    await request(getApp().app).post(path).type('form').send('List-Unsubscribe=One-Click').expect(200); // repeated: no change
  });

  it('the mailto, through Inbound Parse: a mail from the recipient to its unsubscribe address does the same; from anyone else, nothing', async () => {
    const prospect = 'by-mail@prospect.test';
    const { org, conversation } = await startSequence(prospect);
    const to = unsubscribeMailAddress(org.id, prospect, config);

    await inboundPayload({ from: 'Mallory <mallory@evil.test>', to: [to], subject: 'unsubscribe', text: 'unsubscribe' })
      .post(request(getApp().app), TEST_WEBHOOK_SECRET)
      .expect(200);
    expect(await Suppression.findSuppressed(org.id, [prospect])).toEqual([]);
    await inboundPayload({
      from: { address: prospect.toUpperCase(), name: 'Jane' },
      to: [{ address: to, name: 'Unsubscribe' }],
      subject: 'unsubscribe',
      text: 'unsubscribe',
    })
      .post(request(getApp().app), TEST_WEBHOOK_SECRET)
      .expect(200, { status: 'accepted' });
    await expectStoppedAndSuppressed(org, conversation, prospect, 'unsubscribe_mail');
  });

  it('the List-Unsubscribe headers reach SendGrid', async () => {
    const prospect = 'headers@prospect.test';
    const org = await getApp().newOrganization();
    const headers = unsubscribeHeaders(org.id, prospect, config);
    await getApp().deps.mailer.send({
      from: SENDER,
      to: [{ address: prospect }],
      cc: [],
      bcc: [],
      subject: 'Re: Your quote',
      text: 'Hi',
      messageId: `<fu.test@${TEST_REPLY_DOMAIN}>`,
      headers,
    });
    const [mail] = getApp().sink.list({ to: prospect });
    expect(mail.headers).toMatchObject({
      'List-Unsubscribe': headers['List-Unsubscribe'],
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(headers['List-Unsubscribe']).toMatch(
      /^<https:\/\/followups\.example\/u\/[^>]+>, <mailto:unsubscribe\+[0-9a-f.]+@reply\.follow-ups\.test>$/,
    );
  });
});
