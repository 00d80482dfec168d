// Issue 19: mail the organization sends from its own mailboxes, copied to its log address, gets the
// outgoing rules (no worker here: sequences start on a task queue nobody polls, the drafts tell).
import request from 'supertest';
import { Conversation, Draft, InboundMail, Message } from '@follow-ups/db';
import { logAddress, sequenceWorkflowId } from '@follow-ups/domain';
import { inboundPayload, type InboundMailSpec } from '../helpers/inboundPayload';
import { newTaskQueue } from '../helpers/testWorker';
import { TEST_REPLY_DOMAIN, TEST_REPLY_SECRET, TEST_WEBHOOK_SECRET, useTestApp } from '../helpers/testApp';

const TRIGGER = 'Here is the quote you requested';
const ALEX = { address: 'alex@seller.test', name: 'Alex Seller' };
const SAM = { address: 'sam@seller.test', name: 'Sam Colleague' };
const JANE = { address: 'jane@prospect.test', name: 'Jane Doe' };

const testApp = useTestApp({ taskQueue: newTaskQueue(), delayDivisor: 86_400 });

async function organization() {
  const org = await testApp.newOrganization();
  await request(testApp.app)
    .post('/v1/rules/templates/automatic-follow-ups')
    .set(org.auth)
    .send({ trigger_phrase: TRIGGER, senders: [ALEX.address] })
    .expect(201);
  await request(testApp.app)
    .post('/v1/users')
    .set(org.auth)
    .send({ users: { email: SAM.address } })
    .expect(201);
  return { ...org, log: logAddress(org.id, TEST_REPLY_SECRET, TEST_REPLY_DOMAIN) };
}

/** A mail sent from a mailbox with the log address in Bcc, as Inbound Parse posts it (the Bcc is in the envelope only). */
const bccCopy = (log: string, spec: Partial<InboundMailSpec> = {}) => {
  const from = spec.from ?? ALEX;
  return inboundPayload({
    from,
    to: [JANE],
    subject: 'Your quote',
    text: `Hi Jane,\n\n${TRIGGER}.\n\nAlex`,
    envelope: { to: [log], from: typeof from === 'string' ? from : from.address },
    ...spec,
  });
};

const post = (payload: ReturnType<typeof inboundPayload>) =>
  payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200);
const followUpsOf = (organization: string) => Draft.find({ organization, kind: 'followup' }).lean();

describe('outgoing rules on mail sent from any mailbox (log address)', () => {
  it('a Bcc copy is recorded as the organization`s outgoing mail and starts the sequence, once however often it arrives', async () => {
    const org = await organization();
    const copy = bccCopy(org.log);
    expect((await post(copy)).body).toEqual({ status: 'accepted' });
    expect((await post(copy)).body).toEqual({ status: 'duplicate' });

    const [sent, ...others] = await Message.find({ organization: org.id, origin: 'mailbox' }).lean();
    expect(others).toHaveLength(0);
    expect(sent).toMatchObject({
      direction: 'outgoing',
      messageId: copy.messageId,
      from: ALEX,
      to: [JANE],
      rulesPending: false,
    });
    expect(sent!.authentication).toMatchObject({ authenticated: true });
    const conversation = await Conversation.findById(sent!.conversation).lean();
    expect(conversation?.thread).toEqual([copy.messageId]);
    expect((await followUpsOf(org.id)).map((d) => [d.step, d.status, String(d.triggerMessage)])).toEqual([
      [1, 'scheduled', String(sent!._id)],
      [2, 'scheduled', String(sent!._id)],
      [3, 'scheduled', String(sent!._id)],
    ]);
    // Our own mail coming back through a mailbox redirect (a forward of a reply to Alex, a follow-up Bcc'd to him) stops nothing.
    const loops = [
      {
        from: { address: `notifications@${TEST_REPLY_DOMAIN}`, name: 'Jane Doe via Follow-ups' },
        messageId: `<fwd.0123abcd@${TEST_REPLY_DOMAIN}>`,
      },
      { from: ALEX, messageId: `<fu.0123abcd@${TEST_REPLY_DOMAIN}>` },
    ];
    for (const loop of loops) {
      const back = bccCopy(org.log, {
        ...loop,
        to: [ALEX],
        subject: 'Re: Your quote',
        inReplyTo: copy.messageId!,
        references: [copy.messageId!],
      });
      expect((await post(back)).body).toEqual({ status: 'ignored' });
    }
    expect((await followUpsOf(org.id)).map((d) => d.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect(await Message.countDocuments({ organization: org.id })).toBe(1);
    const run = await testApp.deps.temporal.workflow
      .getHandle(sequenceWorkflowId(org.id, String(sent!.conversation)))
      .describe();
    expect(run.status.name).toBe('RUNNING');
    await testApp.deps.temporal.workflow.getHandle(run.workflowId).terminate('test over');

    // The API shows it in its conversation, as sent from the mailbox.
    const api = await request(testApp.app)
      .get(`/v1/conversations/${String(sent!.conversation)}/messages`)
      .set(org.auth)
      .expect(200);
    expect(api.body.messages).toEqual([
      expect.objectContaining({ origin: 'mailbox', direction: 'outgoing', message_id: copy.messageId }),
    ]);
  });

  it('"From is" matches an alias of the user; without a Message-ID the Bcc and the redirected copy are still one mail', async () => {
    const org = await organization();
    const users = (await request(testApp.app).get('/v1/users').set(org.auth).expect(200)).body.users;
    const alex = users.find((u: { email: string }) => u.email === ALEX.address);
    await request(testApp.app)
      .patch(`/v1/users/${alex.id}`)
      .set(org.auth)
      .send({ users: { addresses: ['alex@seller-mail.test'] } })
      .expect(200);
    const spec = { from: { address: 'alex@seller-mail.test', name: 'Alex Seller' }, messageId: null };
    expect((await post(bccCopy(org.log, spec))).body).toEqual({ status: 'accepted' });
    // The redirected copy: the same mail with other transport headers (another content hash).
    expect((await post(bccCopy(org.log, { ...spec, headers: { 'X-Forwarded-To': 'log address' } }))).body).toEqual({
      status: 'duplicate',
    });
    const sent = await Message.find({ organization: org.id, origin: 'mailbox' }).lean();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.messageId).toMatch(/^<mailbox\.[0-9a-f]{40}@inbound\.invalid>$/);
    expect(await followUpsOf(org.id)).toHaveLength(3);
    await testApp.deps.temporal.workflow
      .getHandle(sequenceWorkflowId(org.id, String(sent[0]!.conversation)))
      .terminate('test over');
  });

  it('mail between colleagues is internal: recorded as before, starts nothing', async () => {
    const org = await organization();
    const payload = bccCopy(org.log, { to: [SAM] });
    expect((await post(payload)).body).toEqual({ status: 'ignored' });
    expect(await Message.countDocuments({ organization: org.id, origin: 'mailbox' })).toBe(0);
    expect(await followUpsOf(org.id)).toHaveLength(0);
    expect(await InboundMail.findOne({ dedupeKey: payload.messageId }).lean()).toMatchObject({
      reason: "mail from the organization's own people to its log address",
    });
  });

  it('a forged mail claiming to come from Alex (SPF and DKIM failing) starts nothing and is recorded as suspicious', async () => {
    const org = await organization();
    const forged = bccCopy(org.log, { authentication: { spf: 'fail', dkim: '{@attacker.test : pass}' } });
    expect((await post(forged)).body).toEqual({ status: 'ignored' });
    expect(await Message.countDocuments({ organization: org.id })).toBe(0);
    expect(await followUpsOf(org.id)).toHaveLength(0);
    const recorded = await InboundMail.findOne({ dedupeKey: forged.messageId }).lean();
    expect(recorded).toMatchObject({
      matched: false,
      reason: expect.stringMatching(/suspicious/),
      authentication: { authenticated: false },
    });
    expect(recorded!.authentication!.reason).toBe('SPF fail, no DKIM signature for seller.test');
  });

  it('a mail that does not match the rules is recorded and starts nothing (same conditions as POST /v1/drafts)', async () => {
    const org = await organization();
    expect((await post(bccCopy(org.log, { text: 'Lunch on Friday?' }))).body).toEqual({ status: 'accepted' });
    expect(await Message.countDocuments({ organization: org.id, origin: 'mailbox' })).toBe(1);
    expect(await followUpsOf(org.id)).toHaveLength(0);
    // Sam is not among the rule's senders ("From is" Alex).
    expect((await post(bccCopy(org.log, { from: SAM }))).body).toEqual({ status: 'accepted' });
    expect(await followUpsOf(org.id)).toHaveLength(0);
  });
});
