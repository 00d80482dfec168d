import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';

/** The `encoding` metadata of an encrypted payload; its data is iv (12 bytes) | ciphertext | tag (16 bytes). */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the key a payload was encrypted with (rotation: either configured key decodes). */
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const text = new TextEncoder();
const utf8 = new TextDecoder();

type Key = { id: string; secret: Buffer };

/** A key id that names a key without revealing it: the first 16 hex digits of its SHA-256. */
export function payloadKeyId(secret: Buffer): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}

/** The original payload (metadata and data) as bytes: JSON with base64 values. */
function serialise(payload: Payload): Uint8Array {
  const metadata = Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
  );
  return text.encode(JSON.stringify({ metadata, data: Buffer.from(payload.data ?? []).toString('base64') }));
}

function deserialise(bytes: Uint8Array): Payload {
  const parsed = JSON.parse(utf8.decode(bytes)) as { metadata: Record<string, string>; data: string };
  const metadata = Object.fromEntries(
    Object.entries(parsed.metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
  );
  return { metadata, data: new Uint8Array(Buffer.from(parsed.data, 'base64')) };
}

const isEncrypted = (payload: Payload) =>
  utf8.decode(payload.metadata?.encoding ?? new Uint8Array()) === ENCRYPTED_ENCODING;

/**
 * AES-256-GCM over whole payloads (inputs, results, signals, updates, memo, summaries), so Temporal's
 * histories hold no prospect address or subject in clear. Encodes with `current`; decodes with any
 * key whose id a payload names (`previous` during a rotation). Payloads not encrypted pass through
 * decode untouched: histories written before encryption was on still replay.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly current: Key;
  private readonly byId: Map<string, Buffer>;

  constructor(current: Buffer, previous: Buffer[] = []) {
    for (const secret of [current, ...previous]) {
      if (secret.length !== 32) throw new Error('a payload key must be 32 bytes (AES-256)');
    }
    this.current = { id: payloadKeyId(current), secret: current };
    this.byId = new Map([...previous, current].map((secret) => [payloadKeyId(secret), secret]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.decrypt(payload) : payload));
  }

  private encrypt(payload: Payload): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.secret, iv);
    cipher.setAAD(Buffer.from(this.current.id));
    const body = Buffer.concat([cipher.update(serialise(payload)), cipher.final()]);
    return {
      metadata: { encoding: text.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text.encode(this.current.id) },
      data: new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()])),
    };
  }

  private decrypt(payload: Payload): Payload {
    const id = utf8.decode(payload.metadata?.[KEY_ID_METADATA] ?? new Uint8Array());
    const secret = this.byId.get(id);
    if (!secret) throw new Error(`payload encrypted with key ${id || '(none)'}, which is not configured`);
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES) throw new Error('encrypted payload too short');
    const decipher = createDecipheriv('aes-256-gcm', secret, data.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(id));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    return deserialise(plain);
  }
}
