import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { Conversation, Draft, InboundMail, Message, ReplyOutbox } from '@follow-ups/db';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { buildApp } from '@follow-ups/ingest';
import type { FollowUpSequenceInput } from '@follow-ups/workflows';
import { payloadValue } from '../helpers/historyPayloads';
import { inboundPayload } from '../helpers/inboundPayload';
import {
  expectRepliedTo,
  inboundOf,
  ourMessageId,
  PROSPECT,
  recordInterruptedDelivery,
  seedConversation as seedFor,
  SENDER,
  statuses,
  type Seeded,
} from '../helpers/inboundConversation';
import { useTestApp, TEST_REPLY_DOMAIN, TEST_WEBHOOK_SECRET } from '../helpers/testApp';
import { log } from '../../services/ingest/src/log';
import { retryReplyOutbox } from '../../services/ingest/src/inboundMail/replyOutbox';

const DAY = 24 * 3600 * 1000;

const testApp = useTestApp();

const seedConversation = () => seedFor(testApp);

/** The real sequence workflow on a queue without a worker: it stays open and signals land in its history. */
async function startSequence(s: Seeded) {
  const input: FollowUpSequenceInput = {
    version: 1,
    organizationId: s.org.id,
    conversationId: String(s.conversation._id),
    triggerMessageId: String(s.initial._id),
    ruleId: null,
    ruleDescription: null,
    sender: SENDER.address,
    recipient: PROSPECT.address,
    subject: 'Your quote',
    steps: s.followUps.map((d, i) => ({
      step: i + 1,
      draftId: String(d._id),
      responseId: randomUUID(),
      sendAt: d.sendAt.toISOString(),
    })),
  };
  return testApp.deps.temporal.workflow.start('followUpSequence', {
    taskQueue: `no-worker-${randomUUID()}`,
    workflowId: sequenceWorkflowId(s.org.id, String(s.conversation._id)),
    args: [input],
  });
}

async function replySignals(handle: Awaited<ReturnType<typeof startSequence>>) {
  const { events } = await handle.fetchHistory();
  const signals = (events ?? [])
    .map((e) => e.workflowExecutionSignaledEventAttributes)
    .filter((a) => a?.signalName === 'replyReceived');
  return Promise.all(signals.map((a) => payloadValue(a!.input!.payloads![0])));
}

describe('SendGrid Inbound Parse webhook', () => {
  it('default mode, matched by the signed reply address: records the reply and discards the follow-ups', async () => {
    const s = await seedConversation();
    const payload = inboundPayload({
      from: PROSPECT,
      to: [s.replyTo],
      subject: 'Re: Your quote',
      text: 'Thanks, we will sign this week.',
      html: '<p>Thanks, we will sign this week.</p>',
    });
    const res = await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200);
    expect(res.body).toEqual({ status: 'accepted' });

    const [reply, ...others] = await inboundOf(s);
    expect(others).toHaveLength(0);
    expect(reply).toMatchObject({
      origin: 'inbound',
      from: PROSPECT,
      to: [{ address: s.replyTo }],
      subject: 'Re: Your quote',
      text: 'Thanks, we will sign this week.',
      html: '<p>Thanks, we will sign this week.</p>',
      messageId: payload.messageId,
      autoReply: false,
    });
    expect(String(reply.organization)).toBe(s.org.id);
    await expectRepliedTo(s);
    expect(await InboundMail.findOne({ dedupeKey: payload.messageId }).lean()).toMatchObject({
      matched: true,
      conversation: s.conversation._id,
    });
  });

  it('raw mode, matched by In-Reply-To: the full MIME message is parsed with its 8-bit UTF-8 body intact', async () => {
    const s = await seedConversation();
    const text = 'Merci, ça marche — à jeudi 👍';
    const payload = inboundPayload(
      {
        from: PROSPECT,
        to: ['sales@seller.test'],
        subject: 'Re: Your quote ✔',
        text,
        html: `<p>${text}</p>`,
        inReplyTo: s.initial.messageId,
        references: [s.initial.messageId],
      },
      { mode: 'raw' },
    );
    expect(Object.keys(payload.fields)).toEqual(
      expect.arrayContaining(['email', 'from', 'to', 'envelope', 'dkim', 'SPF', 'sender_ip', 'charsets']),
    );
    expect(payload.fields).not.toHaveProperty('headers');

    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' });
    const [reply] = await inboundOf(s);
    expect(reply).toMatchObject({
      subject: 'Re: Your quote ✔',
      text,
      html: `<p>${text}</p>`,
      inReplyTo: s.initial.messageId,
      references: [s.initial.messageId],
    });
    await expectRepliedTo(s);
  });

  it('default mode, matched by References, with an ISO-8859-1 body decoded through `charsets`', async () => {
    const s = await seedConversation();
    const text = 'Très bien, à bientôt.';
    const payload = inboundPayload({
      from: PROSPECT,
      to: ['someone@elsewhere.test'],
      subject: 'Re: Your quote',
      text,
      charset: 'ISO-8859-1',
      inReplyTo: '<unknown@elsewhere.test>',
      references: [s.initial.messageId, '<unknown@elsewhere.test>'],
    });
    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' });
    expect((await inboundOf(s))[0].text).toBe(text);
    await expectRepliedTo(s);
  });

  it('raw mode keeps the bytes of an 8-bit ISO-8859-1 message for mailparser to decode', async () => {
    const s = await seedConversation();
    const text = 'Très bien, merci.';
    await inboundPayload(
      { from: PROSPECT, to: [s.replyTo], subject: 'Re: Your quote', text, charset: 'ISO-8859-1' },
      { mode: 'raw' },
    )
      .post(request(testApp.app), TEST_WEBHOOK_SECRET)
      .expect(200, { status: 'accepted' });
    expect((await inboundOf(s))[0].text?.trimEnd()).toBe(text);
  });

  it('a repeated delivery is a duplicate: one InboundMail, one Message, nothing changed', async () => {
    const s = await seedConversation();
    const payload = inboundPayload({ from: PROSPECT, to: [s.replyTo], subject: 'Re: Your quote', text: 'Yes please' });
    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' });
    const before = await Draft.find({ conversation: s.conversation._id }).lean();
    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'duplicate' });
    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'duplicate' });
    expect(await inboundOf(s)).toHaveLength(1);
    expect(await InboundMail.countDocuments({ dedupeKey: payload.messageId })).toBe(1);
    expect(await Draft.find({ conversation: s.conversation._id }).lean()).toEqual(before);
  });

  it('a mail without Message-ID is deduplicated by the hash of its content', async () => {
    const s = await seedConversation();
    const payload = inboundPayload({
      from: PROSPECT,
      to: [s.replyTo],
      subject: 'Re: Your quote',
      text: 'No id here',
      messageId: null,
    });
    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' });
    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'duplicate' });
    const replies = await inboundOf(s);
    expect(replies).toHaveLength(1);
    expect(replies[0].messageId).toMatch(/^<sha256\.[0-9a-f]{64}@inbound\.invalid>$/);
  });

  it('a retried delivery finishes what an interrupted first delivery left undone, and only that', async () => {
    const s = await seedConversation();
    const payload = inboundPayload({ from: PROSPECT, to: [s.replyTo], subject: 'Re: Your quote', text: 'Answering' });
    // The first delivery died right after recording itself (no discard, no signal, no Message)…
    await recordInterruptedDelivery(s, payload.messageId);
    await new Promise((r) => setTimeout(r, 50));
    // …and a new sequence was started in the conversation since.
    const later = await Draft.create({
      organization: s.org.id,
      conversation: s.conversation._id,
      kind: 'followup',
      step: 1,
      sendAt: new Date(Date.now() + DAY),
      messageId: ourMessageId(),
    });
    const newer = await startSequence(s);
    try {
      await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'duplicate' });
      await expectRepliedTo(s);
      expect(await statuses([later])).toEqual(['scheduled']);
      expect(await replySignals(newer)).toEqual([]);
      expect(await inboundOf(s)).toHaveLength(1);
    } finally {
      await newer.terminate('test over');
    }
  });

  it('a retried delivery signals the sequence that was running when the reply first arrived', async () => {
    const s = await seedConversation();
    const running = await startSequence(s);
    try {
      await new Promise((r) => setTimeout(r, 50));
      const payload = inboundPayload({ from: PROSPECT, to: [s.replyTo], subject: 'Re: Your quote', text: 'Answering' });
      await recordInterruptedDelivery(s, payload.messageId);
      await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'duplicate' });
      expect(await replySignals(running)).toHaveLength(1);
      await expectRepliedTo(s);
    } finally {
      await running.terminate('test over');
    }
  });

  it('an unmatched mail is recorded as such and answered 200 ignored', async () => {
    const payload = inboundPayload({
      from: 'stranger@spam.test',
      to: [`hello@${TEST_REPLY_DOMAIN}`],
      subject: 'Cheap watches',
      text: 'Buy now',
      inReplyTo: '<nothing@nowhere.test>',
    });
    const inboundBefore = await Message.countDocuments({ direction: 'inbound' });
    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'ignored' });
    expect(await InboundMail.findOne({ dedupeKey: payload.messageId }).lean()).toMatchObject({
      matched: false,
      reason: expect.stringMatching(/no reply address/),
      subject: 'Cheap watches',
    });
    expect(await Message.countDocuments({ direction: 'inbound' })).toBe(inboundBefore);
  });

  it('a reply address with a forged token matches nothing', async () => {
    const s = await seedConversation();
    const forged = s.replyTo.replace(/\.[0-9a-f]{16}@/, '.0123456789abcdef@');
    await inboundPayload({ from: PROSPECT, to: [forged], subject: 'Re: Your quote', text: 'hi' })
      .post(request(testApp.app), TEST_WEBHOOK_SECRET)
      .expect(200, { status: 'ignored' });
    expect(await statuses(s.followUps)).toEqual(['scheduled', 'scheduled', 'scheduled']);
  });

  it('a copy of a mail we sent (same Message-ID) is not a reply', async () => {
    const s = await seedConversation();
    const payload = inboundPayload({
      from: SENDER,
      to: [PROSPECT],
      cc: [s.replyTo],
      subject: 'Your quote',
      text: 'Here is the quote you requested',
      messageId: s.initial.messageId,
    });
    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'ignored' });
    expect(await statuses(s.followUps)).toEqual(['scheduled', 'scheduled', 'scheduled']);
  });

  it('an auto-reply is recorded and flagged but leaves the follow-ups scheduled', async () => {
    const s = await seedConversation();
    const payload = inboundPayload({
      from: PROSPECT,
      to: [s.replyTo],
      subject: 'Out of office: Your quote',
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' },
    });
    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' });
    expect((await inboundOf(s))[0]).toMatchObject({ autoReply: true, subject: 'Out of office: Your quote' });
    expect(await statuses([...s.followUps, s.autoSend])).toEqual(['scheduled', 'scheduled', 'scheduled', 'scheduled']);
    expect((await Conversation.findById(s.conversation._id).lean())?.repliedAt).toBeUndefined();
  });

  it('signals replyReceived to the running sequence of the conversation', async () => {
    const s = await seedConversation();
    const handle = await startSequence(s);
    try {
      const payload = inboundPayload({ from: PROSPECT, to: [s.replyTo], subject: 'Re: Your quote', text: 'Deal' });
      await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' });
      const signals = await replySignals(handle);
      expect(signals).toEqual([
        { messageId: payload.messageId, from: PROSPECT.address, receivedAt: expect.any(String) },
      ]);
    } finally {
      await handle.terminate('test over');
    }
  });

  it('still answers 200 with the follow-ups discarded when Temporal is unreachable, and tells the sequence once it is back', async () => {
    const s = await seedConversation();
    const handle = await startSequence(s);
    const unreachable = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500 }) });
    const app = buildApp({ ...testApp.deps, temporal: unreachable });
    const silenced = jest.spyOn(log, 'warn').mockImplementation(() => undefined);
    try {
      const payload = inboundPayload({ from: PROSPECT, to: [s.replyTo], subject: 'Re: Your quote', text: 'Go' });
      await payload.post(request(app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' });
      await expectRepliedTo(s);
      expect(await replySignals(handle)).toEqual([]);
      expect(await ReplyOutbox.countDocuments({ conversation: s.conversation._id, kind: 'signal' })).toBe(1);

      // The outbox round after the outage delivers it, once.
      expect(await retryReplyOutbox(testApp.deps)).toBeGreaterThanOrEqual(1);
      expect(await retryReplyOutbox(testApp.deps)).toBe(0);
      expect(await replySignals(handle)).toEqual([
        { messageId: payload.messageId, from: PROSPECT.address, receivedAt: expect.any(String) },
      ]);
      expect(await ReplyOutbox.countDocuments({ conversation: s.conversation._id })).toBe(0);
    } finally {
      silenced.mockRestore();
      await handle.terminate('test over');
    }
  });
});
