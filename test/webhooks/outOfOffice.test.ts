// Out-of-office replies through the Inbound Parse webhook: one without any auto-reply header (only
// "Automatic reply:" in the subject, as many Exchange servers send) no longer ends the sequence; it
// is passed to the sequence with its return date. A real reply that mentions a vacation still stops.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { ReplyOutbox, setContactTimeZone } from '@follow-ups/db';
import { DateTime } from 'luxon';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { buildApp } from '@follow-ups/ingest';
import { payloadValue } from '../helpers/historyPayloads';
import { inboundPayload, type InboundMailSpec } from '../helpers/inboundPayload';
import { inboundOf, PROSPECT, seedConversation, SENDER, statuses, type Seeded } from '../helpers/inboundConversation';
import { sequenceInput } from '../helpers/sequenceInput';
import { startTestApp, TEST_WEBHOOK_SECRET, type TestApp } from '../helpers/testApp';
import { log } from '../../services/ingest/src/log';
import { retryReplyOutbox } from '../../services/ingest/src/inboundMail/replyOutbox';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

/** The real sequence workflow on a queue without a worker: it stays open and signals land in its history. */
async function openSequence(s: Seeded) {
  const input = sequenceInput(
    s.followUps.map((d, i) => ({
      step: i + 1,
      draftId: String(d._id),
      responseId: randomUUID(),
      sendAt: d.sendAt.toISOString(),
    })),
    {
      organizationId: s.org.id,
      conversationId: String(s.conversation._id),
      triggerMessageId: String(s.initial._id),
      sender: SENDER.address,
      recipient: PROSPECT.address,
    },
  );
  return testApp.deps.temporal.workflow.start('followUpSequence', {
    taskQueue: `no-worker-${randomUUID()}`,
    workflowId: sequenceWorkflowId(s.org.id, String(s.conversation._id)),
    args: [input],
  });
}

async function signals(handle: Awaited<ReturnType<typeof openSequence>>) {
  const { events } = await handle.fetchHistory();
  const signaled = (events ?? []).map((e) => e.workflowExecutionSignaledEventAttributes).filter((a) => a?.signalName);
  return Promise.all(
    signaled.map(async (a) => ({
      name: a!.signalName,
      input: await payloadValue(a!.input!.payloads![0]),
    })),
  );
}

/** Posts a mail from the prospect into a conversation with an open sequence; what the drafts and the sequence then hold. */
async function deliver(
  subject: string,
  text: string,
  extra: Partial<InboundMailSpec> = {},
  before?: (s: Seeded) => Promise<void>,
) {
  const s = await seedConversation(testApp);
  await before?.(s);
  const handle = await openSequence(s);
  try {
    await inboundPayload({ from: PROSPECT, to: [s.replyTo], subject, text, ...extra })
      .post(request(testApp.app), TEST_WEBHOOK_SECRET)
      .expect(200, { status: 'accepted' });
    return { inbound: (await inboundOf(s))[0], drafts: await statuses(s.followUps), signals: await signals(handle) };
  } finally {
    await handle.terminate('test over');
  }
}

describe('out-of-office replies through the webhook', () => {
  it('an "Automatic reply:" without headers is flagged, stops nothing, and reaches the sequence with its return date', async () => {
    const got = await deliver(
      'Automatic reply: Your quote',
      'I am out of the office until January 7, 2030 with limited access to email.',
    );
    expect(got.inbound).toMatchObject({ autoReply: true });
    expect(got.drafts).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect(got.signals).toEqual([
      {
        name: 'outOfOfficeReceived',
        input: { receivedAt: expect.any(String), returnDate: '2030-01-07', from: PROSPECT.address },
      },
    ]);
  });

  it('a German Abwesenheitsnotiz is taken the same way', async () => {
    const got = await deliver('Abwesenheitsnotiz: Ihr Angebot', 'Ich bin bis zum 8. Januar 2030 nicht im Büro.');
    expect(got.drafts).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect(got.signals.map((x) => [x.name, x.input.returnDate])).toEqual([['outOfOfficeReceived', '2030-01-08']]);
  });

  it('a French notice without any auto-reply header pauses the sequence instead of stopping it', async () => {
    const got = await deliver(
      'RE: Votre devis',
      "Bonjour, je ne suis pas au bureau jusqu'au 15 janvier 2030 et n'ai pas accès à mes e-mails.",
    );
    expect(got.inbound).toMatchObject({ autoReply: true });
    expect(got.drafts).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect(got.signals.map((x) => [x.name, x.input.returnDate])).toEqual([['outOfOfficeReceived', '2030-01-15']]);
  });

  it('a hand-typed absence above our quoted mail pauses the sequence (docs/out-of-office.md)', async () => {
    const text = [
      "Hi Alex, I'm on vacation until March 12th 2030, will look at this properly once I'm back.",
      '',
      'On Mon, Mar 4, 2030 at 9:02 AM Alex Seller <alex@seller.test> wrote:',
      '> Hi Jane, just checking whether you had a chance to look at the quote.',
    ].join('\n');
    const got = await deliver('Re: Your quote', text);
    expect(got.drafts).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect(got.signals.map((x) => [x.name, x.input.returnDate])).toEqual([['outOfOfficeReceived', '2030-03-12']]);
  });

  it('a person who mentions an absence while proposing a call has answered: the follow-ups stop', async () => {
    const got = await deliver('Re: Your quote', "I'll be out next week, can we talk Thursday instead?");
    expect(got.drafts).toEqual(Array(3).fill('discarded:reply received'));
    expect(got.signals.map((x) => x.name)).toEqual(['replyReceived']);
  });

  it('a bounce whose envelope sender is not empty stops nothing and pauses nothing', async () => {
    const got = await deliver(
      'Undelivered Mail Returned to Sender',
      'Your message could not be delivered to jane@prospect.test: user unknown.',
      {
        from: { address: 'MAILER-DAEMON@mx.prospect.test', name: 'Mail Delivery System' },
        envelope: { to: [], from: 'bounces+srs@relay.prospect.test' },
      },
    );
    expect(got.inbound).toMatchObject({ autoReply: true });
    expect(got.drafts).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect(got.signals).toEqual([]);
  });

  it("a person's reply that an Exchange inbox rule redirected (its loop mark alone) still stops the follow-ups", async () => {
    const got = await deliver('RE: Your quote', 'Yes, please go ahead.', {
      headers: { 'X-MS-Exchange-Inbox-Rules-Loop': 'jane@prospect.test' },
    });
    expect(got.drafts).toEqual(Array(3).fill('discarded:reply received'));
    expect(got.signals.map((x) => x.name)).toEqual(['replyReceived']);
  });

  it("a relative return date is read in the prospect's time zone", async () => {
    const zone = 'Pacific/Kiritimati';
    const tomorrow = () => DateTime.now().setZone(zone).plus({ days: 1 }).toISODate();
    const expected = [tomorrow()];
    const got = await deliver('Automatic reply: Your quote', 'I am out of the office today, back tomorrow.', {}, (s) =>
      setContactTimeZone(s.org.id, PROSPECT.address, zone),
    );
    expected.push(tomorrow());
    expect(expected).toContain(got.signals[0]?.input.returnDate);
  });

  it('a real reply that mentions a vacation stops the follow-ups', async () => {
    const got = await deliver(
      'Re: Your quote',
      'Sorry for the delay, I was on vacation last week. The quote works for us.',
    );
    expect(got.drafts).toEqual(Array(3).fill('discarded:reply received'));
    expect(got.signals.map((x) => x.name)).toEqual(['replyReceived']);
  });
});

describe('out-of-office replies through the reply outbox', () => {
  it('Temporal unreachable: the pause waits in the outbox and the retry round delivers it, once', async () => {
    const s = await seedConversation(testApp);
    const handle = await openSequence(s);
    const unreachable = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500 }) });
    const silenced = jest.spyOn(log, 'warn').mockImplementation(() => undefined);
    try {
      await inboundPayload({
        from: PROSPECT,
        to: [s.replyTo],
        subject: 'Automatic reply: Your quote',
        text: 'I am out of the office until January 7, 2030.',
      })
        .post(request(buildApp({ ...testApp.deps, temporal: unreachable })), TEST_WEBHOOK_SECRET)
        .expect(200, { status: 'accepted' });
      expect(await signals(handle)).toEqual([]);
      expect(
        await ReplyOutbox.find({ conversation: s.conversation._id }, { kind: 1, returnDate: 1, attempts: 1 })
          .sort({ kind: 1 })
          .lean(),
      ).toEqual([
        // Tried once, then the forward is left to the outbox round: Temporal just failed (replyOutbox.ts AWAY_MS).
        expect.objectContaining({ kind: 'forward', attempts: 0 }),
        expect.objectContaining({ kind: 'out_of_office', returnDate: '2030-01-07', attempts: 1 }),
      ]);
      expect(await statuses(s.followUps)).toEqual(['scheduled', 'scheduled', 'scheduled']);

      // Temporal answers again: the outbox round passes the out-of-office on, and a second round has nothing left.
      expect(await retryReplyOutbox(testApp.deps)).toBeGreaterThanOrEqual(2);
      expect(await ReplyOutbox.countDocuments({ conversation: s.conversation._id })).toBe(0);
      expect(await signals(handle)).toEqual([
        {
          name: 'outOfOfficeReceived',
          input: { receivedAt: expect.any(String), returnDate: '2030-01-07', from: PROSPECT.address },
        },
      ]);
    } finally {
      silenced.mockRestore();
      await handle.terminate('test over');
    }
  });

  it('no sequence running: the entry is done and removed', async () => {
    const s = await seedConversation(testApp);
    await inboundPayload({
      from: PROSPECT,
      to: [s.replyTo],
      subject: 'Out of office: Your quote',
      text: 'Away, no date.',
    })
      .post(request(testApp.app), TEST_WEBHOOK_SECRET)
      .expect(200, { status: 'accepted' });
    expect(await ReplyOutbox.countDocuments({ conversation: s.conversation._id, kind: 'out_of_office' })).toBe(0);
    expect((await inboundOf(s))[0]).toMatchObject({ autoReply: true });
  });
});
