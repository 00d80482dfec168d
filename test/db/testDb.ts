import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { connectDb, disconnectDb, ensureIndexes } from '@follow-ups/db';

/**
 * Connects this test file to its own database on the harness's server, with every index in
 * place, and drops the database afterwards.
 */
export function useTestDb(prefix: string): { dbName: string } {
  const dbName = `test_db_${prefix}_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    const uri = process.env.MONGODB_URI;
    if (!uri) throw new Error('MONGODB_URI is not set (the integration global setup provides it)');
    await connectDb(uri, { dbName, monitorCommands: true }); // commandsOf() counts per operation
    await ensureIndexes();
  });
  afterAll(async () => {
    await mongoose.connection.dropDatabase();
    await disconnectDb();
  });
  return { dbName };
}
