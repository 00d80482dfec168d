import { loadAdminConfig } from '@follow-ups/config';
import { connectDb, disconnectDb } from '@follow-ups/db';

/** Runs one command's work connected to MONGODB_URI (read through @follow-ups/config, like the services). */
export type RunInDb = (work: () => Promise<void>) => Promise<void>;

export const runInDb: RunInDb = async (work) => {
  await connectDb(loadAdminConfig().MONGODB_URI);
  try {
    await work();
  } finally {
    await disconnectDb();
  }
};
