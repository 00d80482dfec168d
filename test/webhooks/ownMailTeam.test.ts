// Issue 19: a rule's "Team is" on mail sent from a user's own mailbox reads the user's (primary) team,
// as `POST /v1/drafts` with `team` would (no worker here: the follow-up drafts tell a sequence started).
import request from 'supertest';
import { Conversation, Draft, Message } from '@follow-ups/db';
import { logAddress, sequenceWorkflowId } from '@follow-ups/domain';
import { inboundPayload, type InboundMailSpec } from '../helpers/inboundPayload';
import { newTaskQueue } from '../helpers/testWorker';
import { TEST_REPLY_DOMAIN, TEST_REPLY_SECRET, TEST_WEBHOOK_SECRET, useTestApp } from '../helpers/testApp';

const TRIGGER = 'Here is the quote you requested';
const ALEX = { address: 'alex@seller.test', name: 'Alex Seller' };
const BEA = { address: 'bea@seller.test', name: 'Bea Support' };
const CAL = { address: 'cal@seller.test', name: 'Cal Teamless' };

const testApp = useTestApp({ taskQueue: newTaskQueue(), delayDivisor: 86_400 });

const newTeam = async (auth: Record<string, string>, name: string): Promise<string> =>
  (await request(testApp.app).post('/v1/teams').set(auth).send({ teams: { name } }).expect(201)).body.teams.id;

const newUser = async (auth: Record<string, string>, email: string, team?: string) =>
  (
    await request(testApp.app)
      .post('/v1/users')
      .set(auth)
      .send({ users: { email, ...(team ? { team } : {}) } })
      .expect(201)
  ).body.users;

/** Sales and Support; Alex in Sales, Bea in Support, Cal in none; a rule "From is" any of them and "Team is Sales". */
async function organization() {
  const org = await testApp.newOrganization();
  const sales = await newTeam(org.auth, 'Sales');
  const support = await newTeam(org.auth, 'Support');
  const users = {
    alex: await newUser(org.auth, ALEX.address, sales),
    bea: await newUser(org.auth, BEA.address, support),
    cal: await newUser(org.auth, CAL.address),
  };
  await request(testApp.app)
    .post('/v1/rules/templates/automatic-follow-ups')
    .set(org.auth)
    .send({ trigger_phrase: TRIGGER, senders: [ALEX.address, BEA.address, CAL.address], team: sales })
    .expect(201);
  return { ...org, sales, support, users, log: logAddress(org.id, TEST_REPLY_SECRET, TEST_REPLY_DOMAIN) };
}

/** A mail sent from a mailbox with the log address in Bcc (the Bcc is in the envelope only). */
const bccCopy = (log: string, spec: Partial<InboundMailSpec> & { from: { address: string; name: string } }) =>
  inboundPayload({
    to: [{ address: `prospect.${spec.from.address.split('@')[0]}@prospect.test` }],
    subject: 'Your quote',
    text: `Hello,\n\n${TRIGGER}.\n\nBest`,
    envelope: { to: [log], from: spec.from.address },
    ...spec,
  });

const post = async (payload: ReturnType<typeof inboundPayload>) =>
  (await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200)).body;

/** The conversation a mailbox mail landed in, and its follow-up drafts. */
async function outcome(organization: string, messageId: string) {
  const sent = await Message.findOne({ organization, messageId, origin: 'mailbox' }).lean();
  const conversation = await Conversation.findById(sent!.conversation, { team: 1 }).lean();
  const followUps = await Draft.find({ organization, conversation: sent!.conversation, kind: 'followup' }).lean();
  return {
    conversation: String(sent!.conversation),
    team: conversation?.team ? String(conversation.team) : null,
    followUps,
  };
}

const stopSequence = (organization: string, conversation: string) =>
  testApp.deps.temporal.workflow.getHandle(sequenceWorkflowId(organization, conversation)).terminate('test over');

describe('"Team is" on mail sent from a user\'s own mailbox: the user\'s team', () => {
  it('starts the sequence for a user in Sales; nothing for a user in another team or in none', async () => {
    const org = await organization();
    const mails = {
      alex: bccCopy(org.log, { from: ALEX }),
      bea: bccCopy(org.log, { from: BEA }),
      cal: bccCopy(org.log, { from: CAL }),
    };
    for (const mail of Object.values(mails)) expect(await post(mail)).toEqual({ status: 'accepted' });

    const alex = await outcome(org.id, mails.alex.messageId!);
    expect(alex.team).toBe(org.sales);
    expect(alex.followUps.map((d) => [d.step, d.status])).toEqual([
      [1, 'scheduled'],
      [2, 'scheduled'],
      [3, 'scheduled'],
    ]);
    const bea = await outcome(org.id, mails.bea.messageId!);
    expect([bea.team, bea.followUps]).toEqual([org.support, []]);
    const cal = await outcome(org.id, mails.cal.messageId!);
    expect([cal.team, cal.followUps]).toEqual([null, []]);
    expect(await Draft.countDocuments({ organization: org.id, kind: 'followup' })).toBe(3);
    await stopSequence(org.id, alex.conversation);
  });

  it("a reply in a conversation without a team gets the sender's team, set after the first mail", async () => {
    const org = await organization();
    const first = bccCopy(org.log, { from: CAL });
    expect(await post(first)).toEqual({ status: 'accepted' });
    expect(await outcome(org.id, first.messageId!)).toMatchObject({ team: null, followUps: [] });

    const cal = await request(testApp.app)
      .patch(`/v1/users/${org.users.cal.id}`)
      .set(org.auth)
      .send({ users: { team: org.sales } })
      .expect(200);
    expect(cal.body.users.team).toBe(org.sales);
    const reply = bccCopy(org.log, {
      from: CAL,
      subject: 'Re: Your quote',
      inReplyTo: first.messageId!,
      references: [first.messageId!],
    });
    expect(await post(reply)).toEqual({ status: 'accepted' });
    const after = await outcome(org.id, reply.messageId!);
    expect(after.conversation).toBe((await outcome(org.id, first.messageId!)).conversation);
    expect(after.team).toBe(org.sales);
    expect(after.followUps).toHaveLength(3);
    await stopSequence(org.id, after.conversation);
  });
});
