// Posts mailparser cannot parse are answered 200 `unparseable`, recorded, and stop nothing.
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { InboundMail } from '@follow-ups/db';
import {
  expectStillWaiting,
  INBOUND_PATH as PATH,
  MiB,
  PROSPECT,
  seedConversation,
  type Seeded,
} from '../helpers/inboundConversation';
import { encodeMultipart, inboundPayload } from '../helpers/inboundPayload';
import { useTestApp } from '../helpers/testApp';

const testApp = useTestApp();

/** A raw MIME message whose multipart/mixed parts are nested `depth` levels deep. */
function nestedMime(s: Seeded, depth: number, extraHeaders: string[] = []): Buffer {
  const lines = [
    `From: Jane Doe <${PROSPECT.address}>`,
    `To: <${s.replyTo}>`,
    'Subject: Re: Your quote',
    `Message-ID: <${randomBytes(6).toString('hex')}@prospect.test>`,
    ...extraHeaders,
    'MIME-Version: 1.0',
  ];
  const open = Array.from(
    { length: depth },
    (_, i) => `${i === 0 ? '' : `--b${i - 1}\r\n`}Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n`,
  ).join('');
  const close = Array.from({ length: depth }, (_, i) => `--b${depth - 1 - i}--\r\n`).join('');
  return Buffer.from(
    `${lines.join('\r\n')}\r\n${open}--b${depth - 1}\r\nContent-Type: text/plain\r\n\r\nYes, let's sign.\r\n${close}`,
  );
}

/** The fields of a real raw-mode post, with `email` replaced. */
const rawPost = (s: Seeded, email: Buffer) => ({
  ...inboundPayload({ from: PROSPECT, to: [s.replyTo], subject: 'Re: Your quote', text: 'x' }, { mode: 'raw' }).fields,
  email,
});

async function postTimed(label: string, fields: Record<string, string | Buffer>) {
  const { contentType, body } = encodeMultipart(fields);
  const started = Date.now();
  const res = await request(testApp.app).post(PATH).set('Content-Type', contentType).send(body);
  console.log(
    `${label} (${(body.length / MiB).toFixed(2)} MiB post): ${res.status} ${JSON.stringify(res.body)} in ${Date.now() - started} ms`,
  );
  return res;
}

async function expectRecordedUnparseable(s: Seeded, reason: RegExp) {
  const records = await InboundMail.find({ conversation: s.conversation._id }).lean();
  expect(records).toEqual([
    expect.objectContaining({
      matched: true,
      organization: s.conversation.organization,
      unparseable: expect.stringMatching(reason),
      dedupeKey: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    }),
  ]);
  await expectStillWaiting(s);
}

describe('SendGrid Inbound Parse webhook: posts beyond the MIME parser', () => {
  it('a 5 MB `headers` field (default mode) is 200 unparseable, linked to its conversation by the reply address', async () => {
    const s = await seedConversation(testApp);
    const payload = inboundPayload({ from: PROSPECT, to: [s.replyTo], subject: 'Re: Your quote', text: 'Yes' });
    const headers = `${String(payload.fields.headers)}X-Filler: ${'a'.repeat(5 * MiB)}\r\n`;
    const res = await postTimed('5 MB headers field', { ...payload.fields, headers });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'unparseable' });
    await expectRecordedUnparseable(s, /header block is larger than 1048576 bytes/);
  });

  it('a raw message with a 5 MB header line is 200 unparseable', async () => {
    const s = await seedConversation(testApp);
    const res = await postTimed(
      'raw MIME with a 5 MB header',
      rawPost(s, nestedMime(s, 1, [`X-Filler: ${'a'.repeat(5 * MiB)}`])),
    );
    expect(res.body).toEqual({ status: 'unparseable' });
    await expectRecordedUnparseable(s, /Max header size/);
  });

  it.each([2_000, 20_000])(
    'raw MIME nested %d levels deep is 200 unparseable in bounded time, a retry is a duplicate',
    async (depth) => {
      const s = await seedConversation(testApp);
      const fields = rawPost(s, nestedMime(s, depth));
      const res = await postTimed(`raw MIME nested ${depth} levels`, fields);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'unparseable' });
      await expectRecordedUnparseable(s, /child nodes/);
      await postTimed(`the same, delivered again`, fields).then((again) =>
        expect(again.body).toEqual({ status: 'duplicate' }),
      );
      expect(await InboundMail.countDocuments({ conversation: s.conversation._id })).toBe(1);
    },
  );

  it('an unparseable mail to no reply address is still linked by the In-Reply-To read from its first bytes', async () => {
    const s = await seedConversation(testApp);
    const email = nestedMime(s, 2_000, [`In-Reply-To: ${s.initial.messageId}`])
      .toString('latin1')
      .replace(`To: <${s.replyTo}>`, 'To: <sales@seller.test>');
    const fields = {
      ...rawPost(s, Buffer.from(email, 'latin1')),
      to: 'sales@seller.test',
      envelope: JSON.stringify({ to: ['sales@seller.test'], from: PROSPECT.address }),
    };
    expect((await postTimed('nested 2,000, matched by In-Reply-To', fields)).body).toEqual({ status: 'unparseable' });
    await expectRecordedUnparseable(s, /child nodes/);
  });

  it('random bytes as the raw message are taken: 200 ignored (no valid From), recorded, nothing stopped', async () => {
    const s = await seedConversation(testApp);
    const before = await InboundMail.countDocuments({ reason: 'no valid From address' });
    const res = await postTimed('1 MB of random bytes as raw MIME', rawPost(s, randomBytes(MiB)));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ignored' });
    expect(await InboundMail.countDocuments({ reason: 'no valid From address' })).toBe(before + 1);
    await expectStillWaiting(s);
  });
});
