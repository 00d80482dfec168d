import mongoose from 'mongoose';

/** True for a MongoDB / FerretDB duplicate key error (E11000) from a unique index. */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** True for an error of the database or its driver (unreachable, busy, timed out): worth a retry. */
export function isDatabaseError(err: unknown): boolean {
  return err instanceof mongoose.mongo.MongoError || err instanceof mongoose.Error;
}
