// How many single-document writes FerretDB commits per second: the ceiling of every path that writes.
import mongoose from 'mongoose';
import { runConcurrently } from './measure';

/** `count` one-document inserts into a scratch collection, one at a time and 16 at once; per second. */
export async function probeWrites(count: number): Promise<{ sequential: number; concurrent: number }> {
  const probe = mongoose.connection.db!.collection('benchwriteprobe');
  const rate = async (concurrency: number) => {
    const run = await runConcurrently(count, concurrency, async (i) => {
      await probe.insertOne({ i, concurrency, at: new Date() });
    });
    return (run.done / run.ms) * 1000;
  };
  const figures = { sequential: await rate(1), concurrent: await rate(16) };
  await probe.drop();
  return figures;
}
