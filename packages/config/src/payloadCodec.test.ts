import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, payloadKeyId } from './payloadCodec';
import { payloadKeyEnvSchema } from './base';
import { payloadCodec, temporalDataConverter } from './temporalData';

const plain = () =>
  defaultPayloadConverter.toPayload({ to: 'prospect@example.com', subject: 'Our quote for Acme' }) as Payload;
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const key = () => randomBytes(32);

describe('AesGcmPayloadCodec', () => {
  it('round-trips a payload, metadata included, and hides its content', async () => {
    const codec = new AesGcmPayloadCodec(key());
    const [encoded] = await codec.encode([plain()]);
    expect(text(encoded!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encoded!.data)).not.toContain('prospect@example.com');
    expect(text(encoded!.data)).not.toContain('Acme');
    const [decoded] = await codec.decode([encoded!]);
    expect(decoded).toEqual(plain());
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual({
      to: 'prospect@example.com',
      subject: 'Our quote for Acme',
    });
  });

  it('uses a fresh IV each time: the same payload never encrypts to the same bytes', async () => {
    const codec = new AesGcmPayloadCodec(key());
    const [a, b] = await codec.encode([plain(), plain()]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('passes payloads that are not encrypted through decode untouched (histories written before)', async () => {
    const codec = new AesGcmPayloadCodec(key());
    const nullPayload = defaultPayloadConverter.toPayload(undefined) as Payload;
    expect(await codec.decode([plain(), nullPayload])).toEqual([plain(), nullPayload]);
  });

  it('decodes with the previous key during a rotation and encodes with the new one', async () => {
    const oldKey = key();
    const newKey = key();
    const [old] = await new AesGcmPayloadCodec(oldKey).encode([plain()]);
    const rotated = new AesGcmPayloadCodec(newKey, [oldKey]);
    expect(await rotated.decode([old!])).toEqual([plain()]);
    const [fresh] = await rotated.encode([plain()]);
    expect(text(fresh!.metadata![KEY_ID_METADATA])).toBe(payloadKeyId(newKey));
    // Once the previous key is dropped, what it encrypted no longer decodes: it is named in the error.
    await expect(new AesGcmPayloadCodec(newKey).decode([old!])).rejects.toThrow(payloadKeyId(oldKey));
  });

  it('refuses a tampered payload', async () => {
    const codec = new AesGcmPayloadCodec(key());
    const [encoded] = await codec.encode([plain()]);
    const data = Buffer.from(encoded!.data!);
    data[20] = data[20]! ^ 1;
    await expect(codec.decode([{ ...encoded!, data: new Uint8Array(data) }])).rejects.toThrow();
    await expect(codec.decode([{ ...encoded!, data: new Uint8Array(data.subarray(0, 10)) }])).rejects.toThrow();
  });

  it('refuses a payload under a wrong key, even one claiming the right key id', async () => {
    const right = key();
    const [encoded] = await new AesGcmPayloadCodec(right).encode([plain()]);
    await expect(new AesGcmPayloadCodec(key()).decode([encoded!])).rejects.toThrow(/not configured/);
    const forged = { ...encoded!, data: (await new AesGcmPayloadCodec(key()).encode([plain()]))[0]!.data };
    await expect(new AesGcmPayloadCodec(right).decode([forged])).rejects.toThrow();
  });

  it('accepts only 32-byte keys', () => {
    expect(() => new AesGcmPayloadCodec(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('payload keys from the environment', () => {
  const base64 = () => key().toString('base64');

  it('is off without a key and on with one', () => {
    expect(temporalDataConverter(payloadKeyEnvSchema.parse({ TEMPORAL_PAYLOAD_KEY: '' }))).toEqual({});
    const config = payloadKeyEnvSchema.parse({ TEMPORAL_PAYLOAD_KEY: base64() });
    expect(temporalDataConverter(config).payloadCodecs).toHaveLength(1);
  });

  it('refuses a key that is not 32 bytes of base64, and a previous key alone', () => {
    expect(payloadKeyEnvSchema.safeParse({ TEMPORAL_PAYLOAD_KEY: 'short' }).success).toBe(false);
    expect(payloadKeyEnvSchema.safeParse({ TEMPORAL_PAYLOAD_KEY: randomBytes(16).toString('base64') }).success).toBe(
      false,
    );
    expect(() => payloadCodec({ TEMPORAL_PAYLOAD_KEY_PREVIOUS: base64() })).toThrow(/without TEMPORAL_PAYLOAD_KEY/);
  });
});
