// A conversation awaiting a reply, as the inbound webhook tests need it, and what they check.
import { randomBytes } from 'node:crypto';
import { Conversation, Draft, InboundMail, Message } from '@follow-ups/db';
import { replyAddress, replyToken } from '@follow-ups/domain';
import { TEST_REPLY_DOMAIN, TEST_REPLY_SECRET, TEST_WEBHOOK_SECRET, type TestApp } from './testApp';

export const SENDER = { address: 'alex@seller.test', name: 'Alex Seller' };
export const PROSPECT = { address: 'jane@prospect.test', name: 'Jane Doe' };
const DAY = 24 * 3600 * 1000;
export const MiB = 1024 * 1024;
export const INBOUND_PATH = `/webhooks/sendgrid/inbound/${TEST_WEBHOOK_SECRET}`;

export const ourMessageId = () => `<${randomBytes(8).toString('hex')}@${TEST_REPLY_DOMAIN}>`;

/** A conversation with the initial email we sent, its three follow-ups and two scheduled sends. */
export async function seedConversation(testApp: TestApp) {
  const org = await testApp.newOrganization();
  const conversation = await Conversation.create({
    organization: org.id,
    subject: 'Your quote',
    participants: [SENDER, PROSPECT],
  });
  const initial = await Message.create({
    organization: org.id,
    conversation: conversation._id,
    direction: 'outgoing',
    origin: 'api',
    from: SENDER,
    to: [PROSPECT],
    subject: 'Your quote',
    text: 'Here is the quote you requested',
    messageId: ourMessageId(),
    at: new Date(),
  });
  const draft = (kind: 'followup' | 'scheduled_send', extra: Record<string, unknown>) =>
    Draft.create({
      organization: org.id,
      conversation: conversation._id,
      kind,
      sendAt: new Date(Date.now() + DAY),
      messageId: ourMessageId(),
      content: { subject: 'Re: Your quote', body: 'Following up', from: SENDER, to: [PROSPECT] },
      ...extra,
    });
  const followUps = await Promise.all(
    [1, 2, 3].map((step) => draft('followup', { step, sendAt: new Date(Date.now() + step * DAY) })),
  );
  const plainSend = await draft('scheduled_send', { autoFollowup: false });
  const autoSend = await draft('scheduled_send', { autoFollowup: true });
  const replyTo = replyAddress(replyToken(String(conversation._id), TEST_REPLY_SECRET), TEST_REPLY_DOMAIN);
  return { org, conversation, initial, followUps, plainSend, autoSend, replyTo };
}
export type Seeded = Awaited<ReturnType<typeof seedConversation>>;

export const statuses = async (ids: { _id: unknown }[]) =>
  (
    await Draft.find({ _id: { $in: ids.map((d) => d._id) } })
      .sort({ sendAt: 1 })
      .lean()
  ).map((d) => `${d.status}${d.reason ? `:${d.reason}` : ''}`);
export const inboundOf = (s: Seeded) => Message.find({ conversation: s.conversation._id, direction: 'inbound' }).lean();

/** The follow-ups and the auto-follow-up scheduled send are discarded; the plain scheduled send stays. */
export async function expectRepliedTo(s: Seeded) {
  expect(await statuses(s.followUps)).toEqual([
    'discarded:reply received',
    'discarded:reply received',
    'discarded:reply received',
  ]);
  expect(await statuses([s.autoSend])).toEqual(['discarded:reply received']);
  expect(await statuses([s.plainSend])).toEqual(['scheduled']);
  expect((await Conversation.findById(s.conversation._id).lean())?.repliedAt).toBeInstanceOf(Date);
}

/** Nothing of the reply happened: every draft still scheduled, no reply recorded. */
export async function expectStillWaiting(s: Seeded) {
  expect(await statuses([...s.followUps, s.autoSend])).toEqual(['scheduled', 'scheduled', 'scheduled', 'scheduled']);
  expect((await Conversation.findById(s.conversation._id).lean())?.repliedAt).toBeUndefined();
  expect(await inboundOf(s)).toHaveLength(0);
}

/** What a first delivery of a reply leaves when it dies right after recording itself (no discard, no signal, no Message). */
export async function recordInterruptedDelivery(
  s: { org: { id: string }; conversation: { _id: unknown } },
  messageId: string | null,
) {
  await InboundMail.create({
    dedupeKey: messageId,
    matched: true,
    organization: s.org.id,
    conversation: s.conversation._id,
    from: PROSPECT,
    receivedAt: new Date(),
  });
}
