// Issue 18 item 5: with FerretDB or Temporal away, the Inbound Parse webhook answers 503 (SendGrid
// retries it) within 10 s, never a 4xx (SendGrid drops those for good); once the server is back the
// same post is taken exactly once. Own FerretDB and Temporal (free ports), as restarts.test.ts.
import mongoose from 'mongoose';
import { InboundMail, Message, ReplyOutbox } from '@follow-ups/db';
import { logAddress } from '@follow-ups/domain';
import { inboundPayload, type InboundPayload } from '../helpers/inboundPayload';
import { PROSPECT, seedConversation, statuses, type Seeded } from '../helpers/inboundConversation';
import {
  startTestApp,
  TEST_REPLY_DOMAIN,
  TEST_REPLY_SECRET,
  TEST_WEBHOOK_SECRET,
  type TestApp,
} from '../helpers/testApp';
import { eventually, newTaskQueue } from '../helpers/testWorker';
import { figures } from './figures';
import { ownServers, type OwnServers } from './ownServers';
import { listen } from './stack';
import { log } from '../../services/ingest/src/log';

const BOUND_MS = 10_000;

type Answer = { status: number; ms: number; retryAfter: string | null; body: unknown };

async function post(baseUrl: string, payload: InboundPayload): Promise<Answer> {
  const started = Date.now();
  const res = await payload.postTo(baseUrl, TEST_WEBHOOK_SECRET);
  const body = await res.json().catch(() => null);
  return { status: res.status, ms: Date.now() - started, retryAfter: res.headers.get('retry-after'), body };
}

describe('fault suite: the inbound webhook while FerretDB or Temporal is away', () => {
  const table = figures('inboundOutage');
  const own = ownServers('inbound');
  let temporal: OwnServers['temporal'];
  let ferret: OwnServers['ferret'];
  let testApp: TestApp;
  let http: Awaited<ReturnType<typeof listen>>;
  const during: Answer[] = [];
  const { startTemporalServer, startFerret } = own;
  const databaseAnswers = () =>
    eventually(
      async () =>
        (
          await mongoose.connection.db
            ?.admin()
            .ping()
            .catch(() => null)
        )?.ok === 1
          ? true
          : undefined,
      60_000,
      'FerretDB back',
    );

  beforeAll(async () => {
    ({ temporal, ferret } = await own.start());
    testApp = await startTestApp({ taskQueue: newTaskQueue() });
    http = await listen(testApp);
  }, 180_000);
  afterAll(async () => {
    const slow = during.filter((a) => a.status !== 503 || a.ms > BOUND_MS);
    table.add({
      scenario: 'inbound webhook: FerretDB, then Temporal away',
      trials: during.length,
      fiveXx: during.filter((a) => a.status >= 500 && a.status !== 503).length,
      fourXxOnFault: during.filter((a) => a.status >= 400 && a.status < 500).length,
      slow503: slow.filter((a) => a.status === 503).length,
      note: `answers during the outages: ${during.map((a) => `${a.status} in ${a.ms} ms`).join(', ')}`,
    });
    table.print();
    await http?.close();
    await testApp?.close();
    await own.close({ temporal, ferret });
  }, 60_000);

  /** Jane's answer through the conversation's signed reply address. */
  const relayReply = (s: Seeded) =>
    inboundPayload({ from: PROSPECT, to: [s.replyTo], subject: 'Re: Your quote', text: 'We sign.' });
  /** A stranger's mail to Alex, redirected to the log address: deciding needs Temporal (which sequences are running). */
  const stranger = (s: Seeded) =>
    inboundPayload({
      from: { address: 'pat@elsewhere.test', name: 'Pat' },
      to: ['alex@seller.test'],
      subject: 'Hello',
      text: 'Are you the right person for this?',
      envelope: { to: [logAddress(s.org.id, TEST_REPLY_SECRET, TEST_REPLY_DOMAIN)], from: 'pat@elsewhere.test' },
    });

  it('FerretDB away: 503 with Retry-After within 10 s; once back, the same post is accepted exactly once', async () => {
    const s = await seedConversation(testApp);
    const reply = relayReply(s);
    const silenced = jest.spyOn(log, 'warn').mockImplementation(() => undefined);
    try {
      await ferret.stop();
      for (const payload of [reply, stranger(s), reply]) {
        const answer = await post(http.baseUrl, payload);
        during.push(answer);
        expect(answer).toMatchObject({ status: 503, retryAfter: '30' });
        expect(answer.ms).toBeLessThan(BOUND_MS);
      }
      ferret = await startFerret();
      await databaseAnswers();
    } finally {
      silenced.mockRestore();
    }
    expect((await post(http.baseUrl, reply)).body).toEqual({ status: 'accepted' });
    expect((await post(http.baseUrl, reply)).body).toEqual({ status: 'duplicate' });
    expect(await Message.countDocuments({ conversation: s.conversation._id, direction: 'inbound' })).toBe(1);
    expect(await InboundMail.countDocuments({ dedupeKey: reply.messageId })).toBe(1);
    expect(await statuses(s.followUps)).toEqual([
      'discarded:reply received',
      'discarded:reply received',
      'discarded:reply received',
    ]);
  }, 180_000);

  it('Temporal away: a reply the outbox can hold is taken (200); one that needs Temporal to decide is a 503 within 10 s', async () => {
    const s = await seedConversation(testApp);
    const reply = relayReply(s);
    const unknown = stranger(s);
    const silenced = jest.spyOn(log, 'warn').mockImplementation(() => undefined);
    try {
      await temporal.stop();
      const taken = await post(http.baseUrl, reply);
      expect(taken).toMatchObject({ status: 200, body: { status: 'accepted' } });
      expect(taken.ms).toBeLessThan(BOUND_MS);
      expect(await ReplyOutbox.countDocuments({ conversation: s.conversation._id })).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < 2; i++) {
        const answer = await post(http.baseUrl, unknown);
        during.push(answer);
        expect(answer).toMatchObject({ status: 503, retryAfter: '30' });
        expect(answer.ms).toBeLessThan(BOUND_MS);
      }
      temporal = await startTemporalServer();
    } finally {
      silenced.mockRestore();
    }
    const after = await eventually(
      async () => {
        const answer = await post(http.baseUrl, unknown);
        return answer.status === 200 ? answer : undefined;
      },
      60_000,
      'the stranger mail taken once Temporal is back',
    );
    expect(after.body).toEqual({ status: 'ignored' });
    expect((await post(http.baseUrl, unknown)).body).toEqual({ status: 'duplicate' });
    expect(await InboundMail.countDocuments({ dedupeKey: unknown.messageId })).toBe(1);
    expect(await Message.countDocuments({ organization: s.org.id, messageId: unknown.messageId })).toBe(1);
    expect(await statuses(s.followUps)).toEqual([
      'discarded:reply received',
      'discarded:reply received',
      'discarded:reply received',
    ]);
  }, 180_000);
});
