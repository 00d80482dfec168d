import mongoose from 'mongoose';

/** True for a MongoDB / FerretDB duplicate key error (E11000) from a unique index. */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** True for an error of the database or its driver (unreachable, busy, timed out): worth a retry. */
export function isDatabaseError(err: unknown): boolean {
  return err instanceof mongoose.mongo.MongoError || err instanceof mongoose.Error;
}

/** A bulk write's failed item as the driver or mongoose reports it: its index in the write, and its code. */
export type WriteFailure = { index: number; code: unknown; errmsg?: string; err?: unknown };

/**
 * The failed items of a bulk write (`ordered: false`), normalised: the driver's fields, or (as mongoose
 * copies them) `index` and `err`. Empty when the error carries none (a whole-write failure).
 */
export function writeErrorsOf(err: unknown): WriteFailure[] {
  const list = (err as { writeErrors?: unknown } | null)?.writeErrors;
  if (!Array.isArray(list)) return [];
  return (list as { index: number; code?: unknown; errmsg?: string; err?: { code?: unknown; errmsg?: string } }[]).map(
    (e) => ({ index: e.index, code: e.code ?? e.err?.code, errmsg: e.errmsg ?? e.err?.errmsg, err: e.err }),
  );
}

/** True when every failure of a bulk insert (ordered: false) is a duplicate key: the rest went in. */
export function onlyDuplicateKeys(err: unknown): boolean {
  const writeErrors = writeErrorsOf(err);
  if (writeErrors.length) return writeErrors.every((e) => e.code === 11000);
  return isDuplicateKeyError(err);
}

/**
 * After a bulk insert (ordered: false) that failed only on duplicate keys (`onlyDuplicateKeys`): per
 * document, whether it went in. An error without `writeErrors` (a single duplicate) means none did.
 */
export function insertedDespite(err: unknown, count: number): boolean[] {
  const writeErrors = writeErrorsOf(err);
  if (!writeErrors.length) return Array<boolean>(count).fill(false);
  const failed = new Set(writeErrors.map((e) => e.index));
  return Array.from({ length: count }, (_, i) => !failed.has(i));
}
