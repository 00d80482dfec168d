import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { attachmentListOf, InboundAttachmentChunk, InboundMail, loadAttachments, Message } from '@follow-ups/db';
import {
  expectRepliedTo,
  expectStillWaiting,
  INBOUND_PATH as PATH,
  inboundOf,
  MiB,
  PROSPECT,
  recordInterruptedDelivery,
  seedConversation,
} from '../helpers/inboundConversation';
import { inboundPayload, type InboundAttachmentSpec } from '../helpers/inboundPayload';
import { useTestApp, TEST_WEBHOOK_SECRET } from '../helpers/testApp';

const testApp = useTestApp();

const file = (filename: string, contentType: string, size: number, contentId?: string): InboundAttachmentSpec => ({
  filename,
  contentType,
  content: randomBytes(size),
  ...(contentId ? { contentId } : {}),
});

/** The post and how long the app took to answer it (memory is measured on a real process in inboundMemory.test.ts). */
async function timedPost(contentType: string, body: Buffer) {
  const started = Date.now();
  const res = await request(testApp.app).post(PATH).set('Content-Type', contentType).send(body);
  return { res, ms: Date.now() - started };
}

const expectSame = (
  loaded: { filename: string; contentType: string; content: Buffer }[],
  sent: InboundAttachmentSpec[],
) => {
  expect(loaded.map((a) => [a.filename, a.contentType, a.content.length])).toEqual(
    sent.map((a) => [a.filename, a.contentType, a.content.length]),
  );
  loaded.forEach((a, i) => expect(a.content.equals(sent[i].content)).toBe(true));
};

describe('SendGrid Inbound Parse webhook: large replies and their attachments', () => {
  it('takes a reply with a 26 MiB attachment: 200, follow-ups discarded, the attachment loadable byte-identical', async () => {
    const s = await seedConversation(testApp);
    const files = [
      file('quote-signed.pdf', 'application/pdf', 26 * MiB),
      file('logo.png', 'image/png', 2048, 'logo@prospect.test'),
    ];
    const payload = inboundPayload({
      from: PROSPECT,
      to: [s.replyTo],
      subject: 'Re: Your quote',
      text: 'Signed, attached.',
      html: '<p>Signed <img src="cid:logo@prospect.test"></p>',
      attachments: files,
    });
    const { contentType, body } = payload.multipart();
    expect(body.length).toBeGreaterThan(26 * MiB);

    const { res, ms } = await timedPost(contentType, body);
    console.log(`default-mode post of ${(body.length / MiB).toFixed(1)} MiB: ${res.status} in ${ms} ms`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'accepted' });
    await expectRepliedTo(s);

    const [reply] = await inboundOf(s);
    expect(reply.html).toContain('cid:logo@prospect.test');
    const loaded = await loadAttachments(s.org.id, reply._id);
    expectSame(loaded, files);
    expect(loaded[1]).toMatchObject({ contentId: 'logo@prospect.test', inline: true });
    expect((await attachmentListOf(s.org.id, reply._id))?.chunks).toBe(7);
    expect((await InboundMail.findOne({ dedupeKey: payload.messageId }).lean())?.droppedAttachments).toBeUndefined();
    // Another organization's id gets nothing.
    expect(await loadAttachments((await testApp.newOrganization()).id, reply._id)).toEqual([]);
  });

  it('raw mode: a 20 MiB base64 attachment is streamed out of the MIME message and kept', async () => {
    const s = await seedConversation(testApp);
    const files = [
      file('plans.zip', 'application/zip', 20 * MiB),
      file('photo.jpg', 'image/jpeg', 5000, 'photo1@prospect.test'),
    ];
    const payload = inboundPayload(
      { from: PROSPECT, to: [s.replyTo], subject: 'Re: Your quote', text: 'Plans attached', attachments: files },
      { mode: 'raw' },
    );
    const { contentType, body } = payload.multipart();
    const { res, ms } = await timedPost(contentType, body);
    console.log(`raw-mode post of ${(body.length / MiB).toFixed(1)} MiB: ${res.status} in ${ms} ms`);
    expect(res.body).toEqual({ status: 'accepted' });
    await expectRepliedTo(s);
    const [reply] = await inboundOf(s);
    expect(reply.text?.trim()).toBe('Plans attached');
    const loaded = await loadAttachments(s.org.id, reply._id);
    expectSame(loaded, files);
    expect(loaded.map((a) => a.contentId ?? null)).toEqual([null, 'photo1@prospect.test']);
  });

  it('beyond 100 files or 30 MiB per mail, the mail is kept and the dropped attachments are noted', async () => {
    const s = await seedConversation(testApp);
    const many = Array.from({ length: 101 }, (_, i) => file(`note-${i + 1}.txt`, 'text/plain', 100));
    const payload = inboundPayload({
      from: PROSPECT,
      to: [s.replyTo],
      subject: 'Re: Your quote',
      text: 'Lots of files',
      attachments: many,
    });
    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' });
    await expectRepliedTo(s);
    const [reply] = await inboundOf(s);
    expectSame(await loadAttachments(s.org.id, reply._id), many.slice(0, 100));
    const dropped = [
      {
        filename: 'note-101.txt',
        contentType: 'text/plain',
        size: 100,
        reason: 'more than 100 attachments in one mail',
      },
    ];
    expect((await attachmentListOf(s.org.id, reply._id))?.dropped).toEqual(dropped);
    expect((await InboundMail.findOne({ dedupeKey: payload.messageId }).lean())?.droppedAttachments).toEqual(dropped);

    const t = await seedConversation(testApp);
    const big = [
      file('a.bin', 'application/octet-stream', 20 * MiB),
      file('b.bin', 'application/octet-stream', 11 * MiB),
      file('c.txt', 'text/plain', 10),
    ];
    const second = inboundPayload({
      from: PROSPECT,
      to: [t.replyTo],
      subject: 'Re: Your quote',
      text: 'Two big files',
      attachments: big,
    });
    await second.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'accepted' });
    const [bigReply] = await inboundOf(t);
    expectSame(await loadAttachments(t.org.id, bigReply._id), [big[0], big[2]]);
    expect((await attachmentListOf(t.org.id, bigReply._id))?.dropped).toEqual([
      {
        filename: 'b.bin',
        contentType: 'application/octet-stream',
        size: 11 * MiB,
        reason: 'attachments over 30 MB in one mail',
      },
    ]);
  });

  it('a retried delivery after a crash before the Message stores the attachments once', async () => {
    const s = await seedConversation(testApp);
    const files = [file('quote.pdf', 'application/pdf', 3 * MiB + 5)];
    const payload = inboundPayload({
      from: PROSPECT,
      to: [s.replyTo],
      subject: 'Re: Your quote',
      text: 'Attached',
      attachments: files,
    });
    await recordInterruptedDelivery(s, payload.messageId);
    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'duplicate' });
    await payload.post(request(testApp.app), TEST_WEBHOOK_SECRET).expect(200, { status: 'duplicate' });
    const replies = await inboundOf(s);
    expect(replies).toHaveLength(1);
    expectSame(await loadAttachments(s.org.id, replies[0]._id), files);
    expect((await attachmentListOf(s.org.id, replies[0]._id))?.chunks).toBe(1);
    expect(await InboundAttachmentChunk.exists({ _id: `${String(replies[0]._id)}:1` })).toBeNull();
  });

  it('a body over 32 MiB is 413 payload_too_large, by Content-Length or counted while streaming, and nothing is written', async () => {
    const s = await seedConversation(testApp);
    const payload = inboundPayload({
      from: PROSPECT,
      to: [s.replyTo],
      subject: 'Re: Your quote',
      text: 'Too big',
      attachments: [file('huge.bin', 'application/octet-stream', 33 * MiB)],
    });
    const { contentType, body } = payload.multipart();
    const res = await request(testApp.app).post(PATH).set('Content-Type', contentType).send(body).expect(413);
    expect(res.body).toEqual({
      error: { code: 'payload_too_large', message: expect.stringMatching(/larger than 33554432 bytes/) },
    });

    // No Content-Length (chunked): refused once 32 MiB have arrived.
    const server = testApp.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const { port } = server.address() as AddressInfo;
      const chunked = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: PATH,
            method: 'POST',
            headers: { 'Content-Type': contentType, 'Transfer-Encoding': 'chunked' },
          },
          (r) => {
            let text = '';
            r.on('data', (c) => (text += c));
            r.on('end', () => resolve({ status: r.statusCode, body: text }));
          },
        );
        req.on('error', reject);
        for (let offset = 0; offset < body.length; offset += MiB) req.write(body.subarray(offset, offset + MiB));
        req.end();
      });
      expect(chunked.status).toBe(413);
      expect(JSON.parse(chunked.body).error.code).toBe('payload_too_large');
    } finally {
      await new Promise((r) => server.close(r));
    }
    await expectStillWaiting(s);
    expect(await InboundMail.countDocuments({ dedupeKey: payload.messageId })).toBe(0);
    expect(await Message.countDocuments({ conversation: s.conversation._id, direction: 'inbound' })).toBe(0);
  });
});
