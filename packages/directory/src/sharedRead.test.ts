import { sharedRead } from './sharedRead';

/** A read whose answers the test releases one at a time; `issued` counts the reads started. */
function controlledRead() {
  const releases: Array<(v: number) => void> = [];
  let issued = 0;
  const read = sharedRead(
    (_key: string) =>
      new Promise<number>((resolve) => {
        issued++;
        releases.push(resolve);
      }),
  );
  return { read, releases, issued: () => issued };
}
const tick = () => new Promise((r) => setImmediate(r));

it('callers of one key while no read runs share the read issued for them', async () => {
  const c = controlledRead();
  const answers = Promise.all([c.read('a'), c.read('a'), c.read('a')]);
  await tick();
  expect(c.issued()).toBe(1);
  c.releases[0]!(7);
  expect(await answers).toEqual([7, 7, 7]);
});

it('a caller that comes while a read runs gets the next read, never the running one', async () => {
  const c = controlledRead();
  const first = c.read('a');
  await tick();
  const later = [c.read('a'), c.read('a')];
  c.releases[0]!(1);
  expect(await first).toBe(1);
  await tick();
  expect(c.issued()).toBe(2);
  c.releases[1]!(2);
  expect(await Promise.all(later)).toEqual([2, 2]);
});

it('keys do not share, and a failed read fails only its own callers', async () => {
  const read = sharedRead(async (key: string) => {
    if (key === 'bad') throw new Error('down');
    return key.length;
  });
  await expect(read('bad')).rejects.toThrow('down');
  expect(await Promise.all([read('abc'), read('bad').catch(() => -1), read('bad').catch(() => -1)])).toEqual([
    3, -1, -1,
  ]);
  expect(await read('abc')).toBe(3);
});
