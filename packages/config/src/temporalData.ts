import { z } from 'zod';
import type { DataConverter } from '@temporalio/common';
import { optional } from './base';
import { AesGcmPayloadCodec } from './payloadCodec';

const base64Key = z.string().refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, {
  message: 'expected 32 bytes in base64, e.g. openssl rand -base64 32',
});

/** Encryption of Temporal payloads (docs/payload-encryption.md). Read by every service that talks to Temporal. */
export const payloadKeyEnvSchema = z.object({
  /** AES-256 key of workflow inputs, results, signals, memo and summaries in Temporal. Unset: stored in clear. */
  TEMPORAL_PAYLOAD_KEY: optional(base64Key),
  /** During a rotation: the key TEMPORAL_PAYLOAD_KEY replaces; payloads written with it still decode. */
  TEMPORAL_PAYLOAD_KEY_PREVIOUS: optional(base64Key),
});

export type PayloadKeyConfig = z.infer<typeof payloadKeyEnvSchema>;

/** The codec of the configured keys, or undefined when no key is set (payloads stay in clear). */
export function payloadCodec(config: PayloadKeyConfig): AesGcmPayloadCodec | undefined {
  if (!config.TEMPORAL_PAYLOAD_KEY) {
    if (config.TEMPORAL_PAYLOAD_KEY_PREVIOUS)
      throw new Error('TEMPORAL_PAYLOAD_KEY_PREVIOUS set without TEMPORAL_PAYLOAD_KEY');
    return undefined;
  }
  const previous = config.TEMPORAL_PAYLOAD_KEY_PREVIOUS
    ? [Buffer.from(config.TEMPORAL_PAYLOAD_KEY_PREVIOUS, 'base64')]
    : [];
  return new AesGcmPayloadCodec(Buffer.from(config.TEMPORAL_PAYLOAD_KEY, 'base64'), previous);
}

/** The one data converter of every Temporal Client and Worker (ingest, worker, tests, bench). */
export function temporalDataConverter(config: PayloadKeyConfig): DataConverter {
  const codec = payloadCodec(config);
  return codec ? { payloadCodecs: [codec] } : {};
}

/** The data converter of the keys in `env` (tests and tools that do not load a whole service config). */
export function temporalDataConverterFromEnv(env: NodeJS.ProcessEnv = process.env): DataConverter {
  return temporalDataConverter(payloadKeyEnvSchema.parse(env));
}
