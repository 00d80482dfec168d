/**
 * Concurrent reads of one key share a round trip, and never one issued before they asked: while a
 * read of the key is under way, the callers that come wait for the next one, which starts when it
 * ends and answers all of them. So a caller sees the database as of a moment after its call (what
 * a write it follows, a revoke say, requires), and a burst of requests for one organization costs
 * a few reads instead of one each.
 */
export function sharedRead<K, V>(read: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const waiting = new Map<string, Promise<V>>();
  const running = new Map<string, Promise<unknown>>();
  return (key: K) => {
    const id = String(key);
    const queued = waiting.get(id);
    if (queued) return queued;
    const next = (running.get(id) ?? Promise.resolve()).then(() => {
      waiting.delete(id); // callers from now on wait for the read after this one
      return read(key);
    });
    waiting.set(id, next);
    const settled = next.catch(() => undefined);
    running.set(id, settled);
    void settled.then(() => {
      if (running.get(id) === settled) running.delete(id);
    });
    return next;
  };
}
