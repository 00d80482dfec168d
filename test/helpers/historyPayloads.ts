// Reading a recorded history's payloads in a test: decoded with the tests' payload key (payloads
// are encrypted in every test, docs/payload-encryption.md), then parsed as the JSON they carry.
import type { temporal } from '@temporalio/proto';
import { payloadCodec, payloadKeyEnvSchema } from '@follow-ups/config';

type RawPayload = temporal.api.common.v1.IPayload;

/** The value of one history payload (a signal's input, an activity's result). */
export async function payloadValue(payload: RawPayload): Promise<ReturnType<typeof JSON.parse>> {
  const codec = payloadCodec(payloadKeyEnvSchema.parse(process.env));
  const plain = { metadata: payload.metadata ?? {}, data: payload.data ?? new Uint8Array() };
  const [decoded] = codec ? await codec.decode([plain]) : [plain];
  return JSON.parse(Buffer.from(decoded!.data!).toString('utf8'));
}
