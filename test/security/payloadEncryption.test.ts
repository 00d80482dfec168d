// Temporal histories hold no prospect address or subject in clear (docs/payload-encryption.md): a real
// sequence runs with the tests' TEMPORAL_PAYLOAD_KEY (test/setup/env.ts), then its history is read by a
// client without the codec, as anyone with access to Temporal (or its database) would read it.
import request from 'supertest';
import { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING } from '@follow-ups/config';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { followUpSequence } from '../../workflows/src';
import { realActivities, startTestApp, TEST_WEBHOOK_SECRET, type TestApp } from '../helpers/testApp';
import { eventually, newTaskQueue, withTestWorker } from '../helpers/testWorker';
import { inboundPayload } from '../helpers/inboundPayload';

const DIVISOR = 43_200; // "1 day" lasts 2 seconds
const TRIGGER = 'Here is the quote you requested';
const SENDER = { address: 'alex@seller.test', name: 'Alex Seller' };
const PROSPECT = { address: 'jane.secret@prospect.test', name: 'Jane Doe' };
const SUBJECT = 'Confidential quote for Prospectco';

type Payload = temporal.api.common.v1.IPayload;

/**
 * The fields Temporal's core SDK writes into its own markers, never through the codec: a patch's id
 * and a local activity's sequence number, attempt, id, type and times (its result is ours: encrypted).
 */
const CORE_MARKER_FIELDS = ['patch-data', 'data'];
const CORE_MARKER_KEYS = [
  'id',
  'deprecated',
  'seq',
  'attempt',
  'activity_id',
  'activity_type',
  'complete_time',
  'backoff',
  'original_schedule_time',
];

/** Every payload of a history except search attributes (indexed in clear by design, docs/erasure.md) and core's marker fields (`core`). */
function payloadsOf(node: unknown, found: Payload[] = [], core: Payload[] = []): Payload[] {
  if (!node || typeof node !== 'object' || node instanceof Uint8Array) return found;
  if ('data' in node && 'metadata' in node && (node as Payload).metadata) found.push(node as Payload);
  else
    for (const [key, value] of Object.entries(node)) {
      if (key === 'searchAttributes') continue;
      if (key !== 'markerRecordedEventAttributes') payloadsOf(value, found, core);
      else
        for (const [field, list] of Object.entries((value as { details: object }).details))
          payloadsOf(list, CORE_MARKER_FIELDS.includes(field) ? core : found, core);
    }
  return found;
}

const text = (payloads: Payload[]) => payloads.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');

describe('Temporal payload encryption', () => {
  let testApp: TestApp;
  const taskQueue = newTaskQueue();

  beforeAll(async () => {
    testApp = await startTestApp({ taskQueue, delayDivisor: DIVISOR });
  });
  afterAll(() => testApp.close());

  it('runs a sequence to its end, and its history shows neither the address nor the subject', async () => {
    const org = await testApp.newOrganization();
    await request(testApp.app)
      .post('/v1/rules/templates/automatic-follow-ups')
      .set(org.auth)
      .send({ trigger_phrase: TRIGGER, senders: [SENDER.address], label: { name: 'Follow-up in progress' } })
      .expect(201);

    await withTestWorker(
      realActivities(testApp),
      async ({ client }) => {
        const body = `<p>Hi Jane,</p><p>${TRIGGER}: 12 seats.</p>`;
        const drafts = { subject: SUBJECT, body, from_field: SENDER, to_fields: [PROSPECT], send: true };
        const sent = await request(testApp.app).post('/v1/drafts').set(org.auth).send({ drafts }).expect(201);
        const conversation = sent.body.drafts.conversation;
        const fu1 = await eventually(() => testApp.sink.list({ to: PROSPECT.address })[1], 20_000, 'follow-up 1');
        await inboundPayload({
          from: PROSPECT,
          to: [fu1.replyTo!.email],
          subject: `Re: ${SUBJECT}`,
          text: 'Thanks, we will sign.',
          inReplyTo: fu1.headers['Message-ID'],
        })
          .post(request(testApp.app), TEST_WEBHOOK_SECRET)
          .expect(200);

        // With the codec (every service's client): the sequence ends normally and its result reads.
        const workflowId = sequenceWorkflowId(org.id, conversation);
        const handle = client.workflow.getHandle<typeof followUpSequence>(workflowId);
        expect((await handle.result()).status).toBe('replied');

        // Without it: the raw history, as Temporal stores it.
        const raw = new Client({ connection: client.connection, namespace: 'default' });
        const history = await raw.workflow.getHandle(workflowId).fetchHistory();
        const core: Payload[] = [];
        const payloads = payloadsOf(history, [], core);
        expect(payloads.length).toBeGreaterThan(5); // input, memo, summary, activities, signal, result
        const encodings = new Set(payloads.map((p) => Buffer.from(p.metadata!.encoding ?? []).toString()));
        expect([...encodings]).toEqual([ENCRYPTED_ENCODING]);
        // Core's marker fields hold its own bookkeeping only (the send's local activity and its patch).
        expect(core.length).toBeGreaterThan(0);
        const coreKeys = new Set(core.flatMap((p) => Object.keys(JSON.parse(text([p])) as object)));
        expect([...coreKeys].filter((key) => !CORE_MARKER_KEYS.includes(key))).toEqual([]);
        const everything = `${JSON.stringify(history)}\n${text(payloads)}`;
        for (const secret of [PROSPECT.address, SUBJECT, 'Prospectco']) expect(everything).not.toContain(secret);

        // The check can fail: the tests' key opens the same payloads, and they hold both in clear.
        const codec = new AesGcmPayloadCodec(Buffer.from(process.env.TEMPORAL_PAYLOAD_KEY!, 'base64'));
        const opened = text(await codec.decode(payloads as never));
        expect(opened).toContain(PROSPECT.address);
        expect(opened).toContain(SUBJECT);
      },
      { taskQueue },
    );
  });
});
