// Peak memory of the real ingest process while it receives 30 MB posts (figures printed).
import { randomBytes } from 'node:crypto';
import { loadAttachments } from '@follow-ups/db';
import { expectRepliedTo, inboundOf, MiB, PROSPECT, seedConversation } from '../helpers/inboundConversation';
import { residentBytes, resetPeak, startIngestProcess } from '../helpers/ingestProcess';
import { inboundPayload, type InboundMode } from '../helpers/inboundPayload';
import { useTestApp, TEST_WEBHOOK_SECRET } from '../helpers/testApp';

const testApp = useTestApp();

/** A reply whose whole post is about `total` bytes (one attachment filling what is left), to a fresh ingest process. */
async function postOfSize(mode: InboundMode, total: number) {
  const ingest = await startIngestProcess(testApp);
  try {
    return await measuredPost(ingest, mode, total);
  } finally {
    await ingest.stop();
  }
}

async function measuredPost(ingest: Awaited<ReturnType<typeof startIngestProcess>>, mode: InboundMode, total: number) {
  const s = await seedConversation(testApp);
  const size = mode === 'raw' ? Math.floor(((total - 4096) * 3) / 4 / (78 / 76)) : total - 4096;
  const content = randomBytes(size);
  const payload = inboundPayload(
    {
      from: PROSPECT,
      to: [s.replyTo],
      subject: 'Re: Your quote',
      text: 'Attached',
      attachments: [{ filename: 'big.bin', contentType: 'application/octet-stream', content }],
    },
    { mode },
  );
  const { contentType, body } = payload.multipart();

  const before = residentBytes(ingest.pid).rss;
  resetPeak(ingest.pid);
  const started = Date.now();
  const res = await fetch(`${ingest.baseUrl}/webhooks/sendgrid/inbound/${TEST_WEBHOOK_SECRET}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body,
  });
  const ms = Date.now() - started;
  const growth = (residentBytes(ingest.pid).peak - before) / MiB;
  console.log(
    `ingest process, ${mode} post of ${(body.length / MiB).toFixed(1)} MiB: ${res.status} in ${ms} ms, peak RSS growth ${growth.toFixed(1)} MiB (RSS before ${(before / MiB).toFixed(0)} MiB)`,
  );
  expect(await res.json()).toEqual({ status: 'accepted' });
  await expectRepliedTo(s);
  const [reply] = await inboundOf(s);
  const [loaded] = await loadAttachments(s.org.id, reply._id);
  expect(loaded.content.equals(content)).toBe(true);
  return { growthMiB: growth, bodyMiB: body.length / MiB };
}

describe('ingest memory while receiving 30 MB posts', () => {
  it('default mode (attachment as a file part) and raw mode (base64 inside the MIME message)', async () => {
    for (const mode of ['default', 'raw'] as const) {
      // The figure is printed, not asserted: it moves with garbage-collection timing.
      const { bodyMiB } = await postOfSize(mode, 30 * MiB);
      expect(bodyMiB).toBeGreaterThan(29.5);
    }
  });
});
