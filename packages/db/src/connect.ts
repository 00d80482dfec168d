import mongoose from 'mongoose';
import { allModels } from './models';
import { backfillLiveDrafts } from './migrations/backfillLiveDrafts';

export interface ConnectDbOptions {
  /** Database to use instead of the one in the URI (tests use one per file). */
  dbName?: string;
  /** Emit the driver's command events (tests and the benchmark count commands per operation). */
  monitorCommands?: boolean;
}

// Mongoose captures `new Error().stack` on every query (kept only for a "Query was already executed"
// error): ~2% of the worker's main thread per follow-up, more with source maps on (tsx). Not kept.
mongoose.set('skipOriginalStackTraces', true);

/** Connects the default mongoose connection, which every model of this package uses. */
export function connectDb(uri: string, options: ConnectDbOptions = {}): Promise<typeof mongoose> {
  return mongoose.connect(uri, {
    serverSelectionTimeoutMS: 5000,
    autoIndex: true,
    ...(options.dbName ? { dbName: options.dbName } : {}),
    ...(options.monitorCommands ? { monitorCommands: true } : {}),
  });
}

export function disconnectDb(): Promise<void> {
  return mongoose.disconnect();
}

/**
 * Makes the database's indexes match the schemas (creates missing ones, drops ones no schema
 * declares) and returns the names dropped per model. Uses only plain, unique and compound
 * indexes, all of which FerretDB 1.24 accepts (it has no TTL, partial or text indexes).
 * Then runs the start-up migrations (idempotent), e.g. LiveDraft entries for drafts written before it existed.
 */
export async function ensureIndexes(): Promise<Record<string, string[]>> {
  const dropped: Record<string, string[]> = {};
  for (const model of allModels) {
    await model.createCollection().catch(ignoreExisting);
    dropped[model.modelName] = await model.syncIndexes();
  }
  await backfillLiveDrafts();
  return dropped;
}

function ignoreExisting(err: unknown): void {
  // NamespaceExists (48): the collection is already there.
  if ((err as { code?: unknown }).code !== 48) throw err;
}
