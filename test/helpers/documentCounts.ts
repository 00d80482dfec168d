// Every collection's document count: what a request that must write nothing leaves unchanged.
import mongoose from 'mongoose';

export async function documentCounts(): Promise<Record<string, number>> {
  const db = mongoose.connection.db!;
  const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await db.collection(n).countDocuments()] as const)),
  );
}
