import type { z } from 'zod';
import type { DataConverter } from '@temporalio/common';
import { payloadKeyEnvSchema } from './base';
import { AesGcmPayloadCodec } from './payloadCodec';
import { ConfigError } from './parse';

export type PayloadKeyConfig = z.infer<typeof payloadKeyEnvSchema>;

/** The codec of the configured keys, or undefined when no key is set (payloads stay in clear). */
export function payloadCodec(config: PayloadKeyConfig): AesGcmPayloadCodec | undefined {
  if (!config.TEMPORAL_PAYLOAD_KEY) {
    if (config.TEMPORAL_PAYLOAD_KEY_PREVIOUS)
      throw new ConfigError(['TEMPORAL_PAYLOAD_KEY_PREVIOUS: set without TEMPORAL_PAYLOAD_KEY']);
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
