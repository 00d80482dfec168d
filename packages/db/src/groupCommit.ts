/** One caller's outcome of a grouped write: its value, or the error that rejects it alone. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

type Batch<T, R> = { items: T[]; callers: { resolve: (value: R) => void; reject: (error: unknown) => void }[] };

/**
 * Group commit: the items of concurrent callers go to the database in one write. A call made while
 * nothing is written starts a write on the next turn of the event loop (`setImmediate`, no timer),
 * so the calls of that same turn join it and a lone call is not slowed. Calls made while a write is
 * in flight gather and go together as soon as it returns. `write` gets the items in call order and
 * answers one outcome per item; a throw rejects every caller of that write. Each caller resolves
 * only once `write` returned, so nothing is acknowledged before it is written.
 */
export function groupCommit<T, R>(write: (items: T[]) => Promise<Settled<R>[]>): (item: T) => Promise<R> {
  let waiting: Batch<T, R> | null = null;
  let inFlight = false;

  const flush = () => {
    const batch = waiting;
    waiting = null;
    if (!batch) {
      inFlight = false;
      return;
    }
    inFlight = true;
    settle(batch, write)
      .catch(() => undefined)
      .finally(flush); // the calls that came meanwhile go now, in one write
  };

  return (item: T) =>
    new Promise<R>((resolve, reject) => {
      if (!waiting) {
        waiting = { items: [], callers: [] };
        if (!inFlight) {
          inFlight = true;
          setImmediate(flush);
        }
      }
      waiting.items.push(item);
      waiting.callers.push({ resolve, reject });
    });
}

async function settle<T, R>(batch: Batch<T, R>, write: (items: T[]) => Promise<Settled<R>[]>): Promise<void> {
  let outcomes: Settled<R>[];
  try {
    outcomes = await write(batch.items);
  } catch (error) {
    for (const caller of batch.callers) caller.reject(error);
    return;
  }
  batch.callers.forEach((caller, i) => {
    const outcome = outcomes[i];
    if (!outcome) caller.reject(new Error(`groupCommit: no outcome for item ${i} of ${batch.items.length}`));
    else if (outcome.ok) caller.resolve(outcome.value);
    else caller.reject(outcome.error);
  });
}
