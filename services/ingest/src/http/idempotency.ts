import { createHash } from 'node:crypto';
import { IdempotencyKey, isDuplicateKeyError } from '@follow-ups/db';
import { conflict } from './appError';

/**
 * Runs `create` at most once per (organization, Idempotency-Key): a retry of a finished request gets
 * the first answer back, a retry while it is still running or with another body gets a 409. A
 * failed first attempt frees the key, so the client can try again.
 */
export async function once<T>(organization: string, key: string | undefined, body: unknown, create: () => Promise<T>): Promise<T> {
  if (!key) return create();
  const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  try {
    await IdempotencyKey.create({ organization, key, requestHash });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const first = await IdempotencyKey.findOne({ organization, key }).lean();
    if (first?.requestHash !== requestHash) throw conflict('this Idempotency-Key was used with a different request');
    if (first.response === undefined || first.response === null) throw conflict('a request with this Idempotency-Key is still being processed');
    return first.response as T;
  }
  try {
    const result = await create();
    await IdempotencyKey.updateOne({ organization, key }, { $set: { response: result } });
    return result;
  } catch (error) {
    await IdempotencyKey.deleteOne({ organization, key });
    throw error;
  }
}
