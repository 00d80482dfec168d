import { Types } from 'mongoose';
import { AnalyticsCounter, counterId, countAll, countOnce, incrementLocked, weekStart } from '@follow-ups/db';
import { commandsOf } from '../helpers/commandProfile';
import { useTestDb } from '../db/testDb';

useTestDb('analytics_counters');

describe('analytics counters on FerretDB', () => {
  const organization = String(new Types.ObjectId());
  const rule = String(new Types.ObjectId());
  const at = new Date('2026-12-03T10:00:00Z'); // a Thursday: its week starts on Monday 2026-11-30
  const target = { organization, rule, sender: 'Alex.Seller@Example.test', at };
  const read = async () => (await AnalyticsCounter.findById(counterId(organization, rule, weekStart(at))).lean())?.c;

  it('counts concurrent events on one document without losing one (FerretDB updates are read-then-overwrite)', async () => {
    const counted = await Promise.all(
      Array.from({ length: 40 }, (_, i) => countOnce(`probe:${i}`, target, { '1.sent': 1 })),
    );
    expect(counted.every(Boolean)).toBe(true);
    const c = await read();
    expect(c.all['1'].sent).toBe(40);
    expect(c.by['alex%2Eseller%40example%2Etest']['1'].sent).toBe(40);
  });

  it('locks each counter document: concurrent writers (as from several processes) lose no increment', async () => {
    const id = counterId(organization, rule, weekStart(at));
    const fields = { organization, rule, week: weekStart(at) };
    await Promise.all(Array.from({ length: 20 }, () => incrementLocked(id, fields, { 'c.all.5.sent': 1 })));
    expect((await read()).all['5'].sent).toBe(20);
  });

  it('counts a repeated event once, however many times and however concurrently it comes', async () => {
    const counted = await Promise.all(
      Array.from({ length: 8 }, () => countOnce('probe:repeated', target, { '2.replies': 1, '2.ttr.3': 1 })),
    );
    expect(counted.filter(Boolean)).toHaveLength(1);
    const c = await read();
    expect(c.all['2']).toEqual({ replies: 1, ttr: { '3': 1 } });
  });

  it('counts a batch (a reply and its discards) with one insert of marks and one write per document; a repeat counts nothing', async () => {
    const other = { ...target, rule: String(new Types.ObjectId()) };
    const batch = [
      { id: 'batch:reply', target, increments: { '0.replies': 1, '0.ttr.0': 1 } },
      ...[1, 2, 3].map((step) => ({ id: `batch:discarded:${step}`, target, increments: { [`${step}.discarded`]: 1 } })),
      { id: 'batch:other', target: other, increments: { '1.discarded': 1 } },
    ];
    const { total, by } = await commandsOf(async () =>
      expect(await countAll(batch)).toEqual([true, true, true, true, true]),
    );
    expect(by['insert analyticsmarks']).toBe(1);
    expect(by['update analyticscounters {_id}']).toBe(2);
    expect(total).toBe(1 + 2 * 3); // marks, then per document: lock, $inc, unlock
    const c = await read();
    expect([c.all['0'].replies, c.all['1'].discarded, c.all['2'].discarded, c.all['3'].discarded]).toEqual([
      1, 1, 1, 1,
    ]);
    const inOther = await AnalyticsCounter.findById(counterId(organization, other.rule, weekStart(at))).lean();
    expect(inOther?.c.all['1'].discarded).toBe(1);

    // SendGrid's retry of the reply: every mark is there, nothing counts again; a new event in the batch still does.
    expect(await countAll([...batch, { id: 'batch:late', target, increments: { '4.discarded': 1 } }])).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    const again = await read();
    expect([again.all['0'].replies, again.all['1'].discarded, again.all['4'].discarded]).toEqual([1, 1, 1]);
  });

  it('keys a week from its Monday, UTC', () => {
    expect(weekStart(at).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(weekStart(new Date('2026-11-30T00:00:00Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(weekStart(new Date('2026-11-29T23:59:59Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });
});
