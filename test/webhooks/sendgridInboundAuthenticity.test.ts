// Issue 18 item 4: SendGrid's SPF and dkim results decide whether mail caught through the log address
// may stop a sequence; a signed reply address stays a capability of its own.
import request from 'supertest';
import { Message } from '@follow-ups/db';
import { logAddress } from '@follow-ups/domain';
import { inboundPayload } from '../helpers/inboundPayload';
import {
  expectRepliedTo,
  PROSPECT,
  seedConversation,
  SENDER,
  statuses,
  type Seeded,
} from '../helpers/inboundConversation';
import {
  realActivities,
  TEST_REPLY_DOMAIN,
  TEST_REPLY_SECRET,
  TEST_WEBHOOK_SECRET,
  useTestApp,
} from '../helpers/testApp';

const testApp = useTestApp();
const FORGED = { spf: 'fail', dkim: null };

/** Jane's answer to Alex's own address, redirected by his mailbox to the log address. */
const redirected = (s: Seeded, authentication?: { spf?: string | null; dkim?: string | null }) =>
  inboundPayload({
    from: PROSPECT,
    to: [SENDER],
    subject: 'Re: Your quote',
    text: 'We accept the quote.',
    inReplyTo: s.initial.messageId,
    envelope: { to: [logAddress(s.org.id, TEST_REPLY_SECRET, TEST_REPLY_DOMAIN)], from: PROSPECT.address },
    authentication,
  });

const received = (s: Seeded) => Message.findOne({ conversation: s.conversation._id, direction: 'inbound' }).lean();

describe('inbound mail authenticity (SPF, DKIM)', () => {
  it('log address, SPF and DKIM failing: recorded and flagged, stops nothing, shown in the API and the forwarded note', async () => {
    const s = await seedConversation(testApp);
    const res = await redirected(s, FORGED).post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200);
    expect(res.body).toEqual({ status: 'accepted' });
    expect(await statuses([...s.followUps, s.autoSend])).toEqual(['scheduled', 'scheduled', 'scheduled', 'scheduled']);
    const message = await received(s);
    expect(message?.authentication).toMatchObject({
      spf: 'fail',
      dkim: [],
      authenticated: false,
      reason: 'SPF fail, no DKIM signature for prospect.test',
    });

    const api = await request(testApp.app)
      .get(`/v1/conversations/${s.conversation._id}/messages`)
      .set(s.org.auth)
      .expect(200);
    expect(api.body.messages.find((m: { origin: string }) => m.origin === 'inbound').authentication).toEqual({
      spf: 'fail',
      dkim: [],
      authenticated: false,
      reason: 'SPF fail, no DKIM signature for prospect.test',
    });

    // Alex is told (it stopped nothing), by a note that says so, not relayed as if genuine.
    testApp.sink.clear();
    await realActivities(testApp).forwardReceivedMail({
      version: 1,
      organizationId: s.org.id,
      messageId: message!.messageId,
    });
    const [forward, ...more] = testApp.sink.list();
    expect(more).toHaveLength(0);
    expect(forward.to).toEqual([expect.objectContaining({ email: SENDER.address })]);
    expect(forward.from.name).toBe(`Unverified: ${PROSPECT.name} via Follow-ups`);
    expect(forward.text).toMatch(
      /^⚠ This message could not be authenticated: SPF fail, no DKIM signature for prospect\.test\. .*stopped nothing/,
    );
  });

  it('log address, missing SPF and dkim fields: not authenticated either', async () => {
    const s = await seedConversation(testApp);
    await redirected(s, { spf: null, dkim: null }).post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200);
    expect(await statuses(s.followUps)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect((await received(s))?.authentication).toMatchObject({
      spf: null,
      authenticated: false,
      reason: 'SPF not checked, no DKIM signature for prospect.test',
    });
  });

  it('log address, DKIM passing for the From domain (SPF failing): the answer stops the sequence', async () => {
    const s = await seedConversation(testApp);
    await redirected(s, { spf: 'fail', dkim: '{@prospect.test : pass}' })
      .post(request(testApp.app), TEST_WEBHOOK_SECRET)
      .expect(200);
    await expectRepliedTo(s);
    expect((await received(s))?.authentication).toMatchObject({
      spf: 'fail',
      dkim: [{ domain: 'prospect.test', result: 'pass' }],
      authenticated: true,
    });
  });

  it('signed reply address: the token is the capability, the failing checks are recorded and shown', async () => {
    const s = await seedConversation(testApp);
    await inboundPayload({
      from: PROSPECT,
      to: [s.replyTo],
      subject: 'Re: Your quote',
      text: 'Yes.',
      authentication: FORGED,
    })
      .post(request(testApp.app), TEST_WEBHOOK_SECRET)
      .expect(200, { status: 'accepted' });
    await expectRepliedTo(s);
    expect((await received(s))?.authentication).toMatchObject({ spf: 'fail', authenticated: false });
  });

  it('a repeated delivery of the unauthenticated mail changes nothing', async () => {
    const s = await seedConversation(testApp);
    const payload = redirected(s, FORGED);
    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' });
    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'duplicate' });
    expect(await Message.countDocuments({ conversation: s.conversation._id, direction: 'inbound' })).toBe(1);
    expect(await statuses(s.followUps)).toEqual(['scheduled', 'scheduled', 'scheduled']);
  });
});
