import { groupCommit, type Settled } from './groupCommit';

/** A write that records each batch it gets and answers per item: odd numbers fail. */
function recorder() {
  const batches: number[][] = [];
  let release: (() => void) | null = null;
  const write = async (items: number[]): Promise<Settled<string>[]> => {
    batches.push([...items]);
    if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve)); // the first write is held
    return items.map((n) => (n % 2 ? { ok: false, error: new Error(`odd ${n}`) } : { ok: true, value: `even ${n}` }));
  };
  return { batches, write, release: () => release?.() };
}

const settled = <R>(p: Promise<R>) =>
  p.then(
    (value) => ({ value }),
    (error: Error) => ({ error: error.message }),
  );

describe('groupCommit', () => {
  it('writes a lone call at once, on the next turn, without waiting for another', async () => {
    const batches: number[][] = [];
    const call = groupCommit(async (items: number[]) => {
      batches.push(items);
      return items.map((n) => ({ ok: true as const, value: n * 2 }));
    });
    await expect(call(21)).resolves.toBe(42);
    expect(batches).toEqual([[21]]);
    await expect(call(5)).resolves.toBe(10);
    expect(batches).toEqual([[21], [5]]);
  });

  it('gathers the calls made while a write is in flight into one next write; each caller gets its own outcome', async () => {
    const r = recorder();
    const call = groupCommit(r.write);
    const first = settled(call(0));
    await new Promise((resolve) => setImmediate(resolve)); // the first write has started
    expect(r.batches).toEqual([[0]]);
    const rest = [2, 3, 4, 5].map((n) => settled(call(n)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.batches).toEqual([[0]]); // not written while the first is in flight
    r.release();
    expect(await first).toEqual({ value: 'even 0' });
    expect(await Promise.all(rest)).toEqual([
      { value: 'even 2' },
      { error: 'odd 3' },
      { value: 'even 4' },
      { error: 'odd 5' },
    ]);
    expect(r.batches).toEqual([[0], [2, 3, 4, 5]]);
  });

  it('calls of the same turn share the write; a write that throws rejects its callers only, the next write goes on', async () => {
    let fail = true;
    const batches: string[][] = [];
    const call = groupCommit(async (items: string[]) => {
      batches.push(items);
      if (fail) throw new Error('unreachable');
      return items.map((s) => ({ ok: true as const, value: s.toUpperCase() }));
    });
    const failed = await Promise.all(['a', 'b'].map((s) => settled(call(s))));
    expect(failed).toEqual([{ error: 'unreachable' }, { error: 'unreachable' }]);
    fail = false;
    await expect(call('c')).resolves.toBe('C');
    expect(batches).toEqual([['a', 'b'], ['c']]);
  });

  it('rejects a caller the write gave no outcome', async () => {
    const call = groupCommit(async () => [] as Settled<number>[]);
    await expect(call(1)).rejects.toThrow('no outcome for item 0');
  });
});
