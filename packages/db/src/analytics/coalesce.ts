/**
 * Increments of one counter document, coalesced within this process: while a write to the document
 * is under way, the next increments are summed and written together by the following one. So a
 * document is never written twice at once by this process (counterShard.ts relies on it: on
 * FerretDB two concurrent `$inc` lose one), and a burst of counts costs a few writes, not one each.
 */
export class Coalescer {
  private readonly pending = new Map<string, { inc: Record<string, number>; done: Promise<void> }>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly write: (id: string, inc: Record<string, number>) => Promise<void>) {}

  /** Resolves once `inc` is written (with whatever was summed with it); rejects if that write failed. */
  add(id: string, inc: Record<string, number>): Promise<void> {
    const waiting = this.pending.get(id);
    if (waiting) {
      for (const [path, n] of Object.entries(inc)) waiting.inc[path] = (waiting.inc[path] ?? 0) + n;
      return waiting.done;
    }
    const batch = { inc: { ...inc }, done: Promise.resolve() };
    const before = this.running.get(id) ?? Promise.resolve();
    batch.done = before
      .catch(() => undefined)
      .then(() => {
        this.pending.delete(id); // later increments start the next batch
        return this.write(id, batch.inc);
      });
    this.pending.set(id, batch);
    const settled = batch.done.catch(() => undefined);
    this.running.set(id, settled);
    void settled.then(() => {
      if (this.running.get(id) === settled) this.running.delete(id);
    });
    return batch.done;
  }
}
