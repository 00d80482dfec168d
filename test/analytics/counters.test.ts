import { Types } from 'mongoose';
import {
  AnalyticsCounter,
  AnalyticsMark,
  counterId,
  counterWeeks,
  counterWriter,
  countAll,
  countOnce,
  weekStart,
  type CountedEvent,
  type CounterWriter,
} from '@follow-ups/db';
import { commandsOf } from '../helpers/commandProfile';
import { useTestDb } from '../db/testDb';
import { weekCounters } from './weekCounters';

useTestDb('analytics_counters');

describe('analytics counters on FerretDB', () => {
  const organization = String(new Types.ObjectId());
  const rule = String(new Types.ObjectId());
  const at = new Date('2026-12-03T10:00:00Z'); // a Thursday: its week starts on Monday 2026-11-30
  const target = { organization, rule, sender: 'Alex.Seller@Example.test', at };
  const read = () => weekCounters(organization, rule, at);

  it('counts concurrent events on one document without losing one (FerretDB updates are read-then-overwrite)', async () => {
    const counted = await Promise.all(
      Array.from({ length: 40 }, (_, i) => countOnce(`probe:${i}`, target, { '1.sent': 1 })),
    );
    expect(counted.every(Boolean)).toBe(true);
    const c = await read();
    expect(c.all['1'].sent).toBe(40);
    expect(c.by['alex%2Eseller%40example%2Etest']['1'].sent).toBe(40);
  });

  /** `writer` counts 100 events on the rule-week, one write each (each awaited), while the other writer does too. */
  async function hundredWrites(writer: CounterWriter, key: { organization: string; rule: string; week: Date }) {
    for (let i = 0; i < 100; i++) await writer.add(key, { 'c.all.1.sent': 1 });
  }

  it('two processes (two shards) counting on one rule-week at once lose nothing, without a lock', async () => {
    const key = { organization, rule: String(new Types.ObjectId()), week: weekStart(at) };
    const a = counterWriter('test-shard-a');
    const b = counterWriter('test-shard-b');
    const { by } = await commandsOf(() => Promise.all([hundredWrites(a, key), hundredWrites(b, key)]));
    expect(by['update analyticscounters {_id}']).toBe(200); // one $inc per write, no lock commands
    expect((await weekCounters(organization, key.rule, at)).all['1'].sent).toBe(200);
    const shards = await AnalyticsCounter.find({ organization, rule: key.rule }, { _id: 1 }).lean();
    expect(shards.map((s) => s._id).sort()).toEqual(
      ['test-shard-a', 'test-shard-b'].map((shard) => counterId(organization, key.rule, key.week, shard)),
    );

    // The probe (printed, not asserted: a race need not happen): the same 2 × 100 writes on one
    // shared document, as two processes without shards nor lock would write, lose some on FerretDB.
    const shared = { ...key, rule: String(new Types.ObjectId()) };
    await counterWriter('shared').add(shared, { 'c.all.1.sent': 0 }); // created first: no two first upserts collide
    await Promise.all([hundredWrites(counterWriter('shared'), shared), hundredWrites(counterWriter('shared'), shared)]);
    const kept = (await weekCounters(organization, shared.rule, at)).all['1'].sent;
    console.log(`probe: 2 × 100 concurrent $inc on one shared counter document kept ${kept} of 200`);
  });

  it("sums a rule's shards per week, over weeks and older unsharded documents, and only the weeks asked", async () => {
    const history = String(new Types.ObjectId());
    const weeks = [0, 1, 2].map((n) => new Date(weekStart(at).getTime() - n * 7 * 86_400_000));
    for (const [n, week] of weeks.entries())
      for (const shard of ['p1', 'p2', 'p3'].slice(0, n + 1))
        await counterWriter(shard).add(
          { organization, rule: history, week },
          { 'c.all.2.sent': 1, 'c.all.2.ttr.3': n },
        );
    // A counter document written before shards (`<organization>|<rule>|<week>`): read as one more shard.
    await AnalyticsCounter.create({
      _id: `${organization}|${history}|${weeks[2]!.toISOString().slice(0, 10)}`,
      organization,
      rule: history,
      week: weeks[2],
      c: { all: { 2: { sent: 10 } } },
    });
    const summed = await counterWeeks(organization, history, weeks[1]!, at);
    expect([...summed.keys()].sort()).toEqual([weeks[1]!.getTime(), weeks[0]!.getTime()]);
    expect(summed.get(weeks[0]!.getTime())).toEqual({ all: { 2: { sent: 1, ttr: { 3: 0 } } } });
    expect(summed.get(weeks[1]!.getTime())).toEqual({ all: { 2: { sent: 2, ttr: { 3: 2 } } } });
    const all = await counterWeeks(organization, history, weeks[2]!, at);
    expect(all.get(weeks[2]!.getTime())).toEqual({ all: { 2: { sent: 13, ttr: { 3: 6 } } } });
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
    expect(total).toBe(1 + 2); // marks, then one $inc per document (this process's shard: no lock)
    const c = await read();
    expect([c.all['0'].replies, c.all['1'].discarded, c.all['2'].discarded, c.all['3'].discarded]).toEqual([
      1, 1, 1, 1,
    ]);
    expect((await weekCounters(organization, other.rule, at)).all['1'].discarded).toBe(1);

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

  it('marks only the events no unique insert of their own decided (a draft move is `decided` by its transition)', async () => {
    const mixed = String(new Types.ObjectId());
    const events: CountedEvent[] = [
      { id: 'mixed:reply', target: { ...target, rule: mixed }, increments: { '1.replies': 1 } },
      {
        id: 'mixed:discard',
        target: { ...target, rule: mixed },
        increments: { '2.discarded': 1 },
        decided: true as const,
      },
    ];
    const { by } = await commandsOf(async () => expect(await countAll(events)).toEqual([true, true]));
    expect(by['insert analyticsmarks']).toBe(1);
    expect(await AnalyticsMark.exists({ _id: 'mixed:discard' })).toBeNull();
    expect(await countAll(events.slice(0, 1))).toEqual([false]); // the reply again: its mark is there
    const c = await weekCounters(organization, mixed, at);
    expect([c.all['1'].replies, c.all['2'].discarded]).toEqual([1, 1]);
  });

  it('keys a week from its Monday, UTC', () => {
    expect(weekStart(at).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(weekStart(new Date('2026-11-30T00:00:00Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(weekStart(new Date('2026-11-29T23:59:59Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });
});
