import { createHash } from 'node:crypto';
import { derivedObjectId, IdempotencyKey, isDuplicateKeyError } from '@follow-ups/db';
import { conflict } from './appError';

/**
 * Runs `create` at most once per (organization, Idempotency-Key): a retry of a finished request gets
 * the first answer back, a retry while it is still running or with another body gets a 409. A
 * failed first attempt frees the key, so the client can try again. The key's `_id` is derived from
 * organization and key, so every step is one write or read by `_id`; old keys are swept
 * (`sweepHistory` in @follow-ups/db).
 */
export async function once<T>(
  organization: string,
  key: string | undefined,
  body: unknown,
  create: () => Promise<T>,
): Promise<T> {
  if (!key) return create();
  const _id = derivedObjectId('idempotency-key', organization, key);
  const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  try {
    await IdempotencyKey.create({ _id, organization, key, requestHash });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    // Keys written before ids were derived are found by (organization, key).
    const first =
      (await IdempotencyKey.findById(_id).lean()) ?? (await IdempotencyKey.findOne({ organization, key }).lean());
    if (first?.requestHash !== requestHash) throw conflict('this Idempotency-Key was used with a different request');
    if (first.response === undefined || first.response === null)
      throw conflict('a request with this Idempotency-Key is still being processed');
    return first.response as T;
  }
  try {
    const result = await create();
    await IdempotencyKey.updateOne({ _id }, { $set: { response: result } });
    return result;
  } catch (error) {
    await IdempotencyKey.deleteOne({ _id });
    throw error;
  }
}
