// Lock-free counter writes: each process increments its own shard of a rule-week's counters.
import { randomBytes } from 'node:crypto';
import { Coalescer } from './coalesce';
import { counterId } from './keys';
import { AnalyticsCounter } from './models';

/** Which counters a write increments: an organization's rule in one week (its Monday, `weekStart`). */
export type CounterKey = { organization: string; rule: string; week: Date };

export type CounterWriter = {
  /** The shard this writer alone writes: part of every counter document id it writes. */
  readonly shard: string;
  /** Adds `inc` (`c.all.…` / `c.by.…` paths) to the key's shard document; resolves once written. */
  add(key: CounterKey, inc: Record<string, number>): Promise<void>;
};

/**
 * A writer of counter shards. FerretDB 1.24 runs an update as read-then-overwrite, so two
 * concurrent `$inc` on one document lose one; here no two writes to a document are ever concurrent:
 * the document (`<organization>|<rule>|<week>|<shard>`) is written by this writer only, and its
 * `Coalescer` runs one write per document at a time (increments arriving meanwhile are summed into
 * the next). One `$inc` upsert per write, no lock. Readers sum the shards (`counterWeeks`).
 */
export function counterWriter(shard: string): CounterWriter {
  // The key of each document with a write to come; taken by the write (so the map holds only pending ones).
  const keys = new Map<string, CounterKey>();
  const writes = new Coalescer(async (id, inc) => {
    const key = keys.get(id)!;
    keys.delete(id); // an add from now on starts the next batch and sets it again
    await AnalyticsCounter.updateOne(
      { _id: id },
      { $inc: inc, $setOnInsert: { organization: key.organization, rule: key.rule, week: key.week } },
      { upsert: true },
    );
  });
  return {
    shard,
    add(key, inc) {
      const id = counterId(key.organization, key.rule, key.week, shard);
      keys.set(id, key);
      return writes.add(id, inc);
    },
  };
}

/**
 * A shard id for one process lifetime: its start (base 36 ms) and 48 random bits, so no two
 * processes (nor two loads of this module) share one.
 */
export const newShardId = (): string => `${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;

/** This process's writer: every count of the process goes through it (one write per document at a time). */
export const counterWrites: CounterWriter = counterWriter(newShardId());
