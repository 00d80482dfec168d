import { randomBytes } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING } from '@follow-ups/config';
import { temporalCodecRouter } from './codecServer';

const TOKEN = 'codec-server-token-of-32-characters!';
const UI = 'https://temporal.example.com';
const app = express().use(
  temporalCodecRouter({ codec: new AesGcmPayloadCodec(randomBytes(32)), token: TOKEN, corsOrigins: [UI] }),
);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const plain = { metadata: { encoding: b64('json/plain') }, data: b64('"jane@prospect.test"') };
const post = (operation: string, body: object, token = TOKEN) =>
  request(app).post(`/temporal-codec/${operation}`).set('Authorization', `Bearer ${token}`).send(body);

describe('the Temporal codec server', () => {
  it('encodes then decodes back (the UI and CLI protocol)', async () => {
    const encoded = await post('encode', { payloads: [plain] }).expect(200);
    expect(Buffer.from(encoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(encoded.body.payloads[0].data, 'base64').toString()).not.toContain('jane');
    const decoded = await post('decode', encoded.body).expect(200);
    expect(decoded.body).toEqual({ payloads: [plain] });
  });

  it('refuses callers without the token, unread', async () => {
    await post('decode', { payloads: [plain] }, 'wrong').expect(401);
    await request(app)
      .post('/temporal-codec/decode')
      .send({ payloads: [plain] })
      .expect(401);
  });

  it('answers 400 to a body that is not payloads, or payloads it cannot decode', async () => {
    await post('decode', { payloads: 'x' }).expect(400);
    await post('decode', { payloads: [{ metadata: { encoding: 3 } }] }).expect(400);
    const forged = { metadata: { encoding: b64(ENCRYPTED_ENCODING), 'encryption-key-id': b64('x') }, data: b64('y') };
    await post('decode', { payloads: [forged] }).expect(400);
  });

  it('allows the UI origin only, preflight included', async () => {
    const preflight = await request(app).options('/temporal-codec/decode').set('Origin', UI).expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(UI);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/X-Namespace/);
    const other = await request(app).options('/temporal-codec/decode').set('Origin', 'https://evil.test');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
