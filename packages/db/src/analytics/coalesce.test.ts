import { Coalescer } from './coalesce';
import { histogramQuantile, replyTimeBucket, weeksBetween } from './keys';

describe('Coalescer', () => {
  it('sums the increments that arrive while a write is under way into the next write, one write at a time', async () => {
    const written: Record<string, number>[] = [];
    let inFlight = 0;
    let most = 0;
    const coalescer = new Coalescer(async (_id, inc) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      written.push({ ...inc });
      inFlight--;
    });
    await Promise.all(Array.from({ length: 10 }, () => coalescer.add('doc', { a: 1 })));
    expect(most).toBe(1);
    expect(written.reduce((n, w) => n + (w.a ?? 0), 0)).toBe(10);
    expect(written.length).toBeLessThan(10);
  });

  it('rejects the callers of a failed write, and writes the next batch anyway', async () => {
    let calls = 0;
    const coalescer = new Coalescer(async () => {
      if (++calls === 1) throw new Error('down');
    });
    await expect(coalescer.add('doc', { a: 1 })).rejects.toThrow('down');
    await expect(coalescer.add('doc', { a: 1 })).resolves.toBeUndefined();
  });
});

describe('analytics keys', () => {
  it('reads percentiles from the histogram as bucket bounds', () => {
    const histogram = Array(14).fill(0);
    histogram[replyTimeBucket(30)] += 5; // ≤ 1 min
    histogram[replyTimeBucket(5000)] += 4; // ≤ 3 h
    histogram[replyTimeBucket(90 * 86_400)] += 1; // slower than 30 days
    expect(histogramQuantile(histogram, 0.5)).toBe(60);
    expect(histogramQuantile(histogram, 0.9)).toBe(10_800);
    expect(histogramQuantile(histogram, 1)).toBe(30 * 86_400);
    expect(histogramQuantile(Array(14).fill(0), 0.5)).toBeNull();
  });

  it('lists the weeks a range overlaps', () => {
    const weeks = weeksBetween(new Date('2026-11-29T12:00:00Z'), new Date('2026-12-07T00:00:00Z'));
    expect(weeks.map((w) => w.toISOString().slice(0, 10))).toEqual(['2026-11-23', '2026-11-30', '2026-12-07']);
  });
});
