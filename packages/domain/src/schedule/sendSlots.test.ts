import { DateTime } from 'luxon';
import { memorySlotStore, reserveSlot } from './sendSlots';
import { DEFAULT_WINDOW, type SendingPolicy } from './types';

const zone = 'Europe/Berlin';
const policy: SendingPolicy = { window: DEFAULT_WINDOW, timeZone: zone, businessDays: false, holidays: null };
const local = (iso: string) => DateTime.fromISO(iso, { zone }).toJSDate();

describe('reserveSlot (daily caps with spacing)', () => {
  it('spreads mail due at the same moment by the spacing and spills past the cap to the next open day, in due order', async () => {
    const store = memorySlotStore();
    const caps = { perDay: 5, spacingSeconds: 60 };
    const due = local('2026-12-04T08:30'); // Friday, before the window opens
    const got = [];
    for (let i = 0; i < 12; i++)
      got.push(await reserveSlot({ key: 'ae@seller.test', notBefore: due, policy, caps, store }));
    const shown = got.map((r) => DateTime.fromJSDate(r.at, { zone }).toFormat('ccc HH:mm'));
    expect(shown).toEqual([
      'Fri 09:00',
      'Fri 09:01',
      'Fri 09:02',
      'Fri 09:03',
      'Fri 09:04',
      'Mon 09:00',
      'Mon 09:01',
      'Mon 09:02',
      'Mon 09:03',
      'Mon 09:04',
      'Tue 09:00',
      'Tue 09:01',
    ]);
    const perDay = new Map<string, number>();
    for (const r of got) perDay.set(r.day, (perDay.get(r.day) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBe(5);
  });

  it('never goes before notBefore and keeps the spacing between senders independent', async () => {
    const store = memorySlotStore();
    const caps = { perDay: 100, spacingSeconds: 30 };
    const a = await reserveSlot({ key: 'a', notBefore: local('2026-12-02T10:00:10'), policy, caps, store });
    const b = await reserveSlot({ key: 'a', notBefore: local('2026-12-02T10:00:10'), policy, caps, store });
    const c = await reserveSlot({ key: 'b', notBefore: local('2026-12-02T10:00:10'), policy, caps, store });
    expect(DateTime.fromJSDate(a.at, { zone }).toFormat('HH:mm:ss')).toBe('10:00:30');
    expect(b.at.getTime() - a.at.getTime()).toBe(30_000);
    expect(c.at).toEqual(a.at);
  });

  it('a day whose window is full of slots spills although tickets remain', async () => {
    const store = memorySlotStore();
    const short: SendingPolicy = { ...policy, window: { days: [1, 2, 3, 4, 5], start: '09:00', end: '09:02' } };
    const caps = { perDay: 50, spacingSeconds: 60 };
    const got = [];
    for (let i = 0; i < 3; i++)
      got.push(await reserveSlot({ key: 'a', notBefore: local('2026-12-02T09:00'), policy: short, caps, store }));
    expect(got.map((r) => DateTime.fromJSDate(r.at, { zone }).toFormat('ccc HH:mm'))).toEqual([
      'Wed 09:00',
      'Wed 09:01',
      'Thu 09:00',
    ]);
    // The ticket of the day that had no slot left was given back.
    expect([...store.claimed].filter((id) => id.includes('2026-12-02|t'))).toHaveLength(2);
  });

  it('concurrent reservations never share a slot nor exceed the cap', async () => {
    const store = memorySlotStore();
    const caps = { perDay: 40, spacingSeconds: 30 };
    const got = await Promise.all(
      Array.from({ length: 100 }, () =>
        reserveSlot({ key: 'a', notBefore: local('2026-12-02T08:30'), policy, caps, store }),
      ),
    );
    expect(new Set(got.map((r) => r.at.getTime())).size).toBe(100);
    const perDay = new Map<string, number>();
    for (const r of got) perDay.set(r.day, (perDay.get(r.day) ?? 0) + 1);
    expect([...perDay.values()]).toEqual([40, 40, 20]);
  });
});

describe('reserveSlot with a per-organization daily cap', () => {
  const perDayOf = (got: { day: string }[]) => {
    const counts = new Map<string, number>();
    for (const r of got) counts.set(r.day, (counts.get(r.day) ?? 0) + 1);
    return Object.fromEntries(counts);
  };

  it('all senders together stay within the organization cap; a full organization-day spills and gives the sender ticket back', async () => {
    const store = memorySlotStore();
    const caps = { perDay: 5, spacingSeconds: 60, perOrganizationPerDay: 7 };
    const due = local('2026-12-02T08:30'); // Wednesday
    const got = [];
    for (let i = 0; i < 12; i++) {
      const sender = ['a', 'b', 'c'][i % 3];
      got.push({
        sender,
        ...(await reserveSlot({ key: `org1|${sender}`, organizationKey: 'org1', notBefore: due, policy, caps, store })),
      });
    }
    expect(perDayOf(got)).toEqual({ '2026-12-02': 7, '2026-12-03': 5 });
    // Wednesday: a, b, c, a, b, c, a; the rest spilled to Thursday, each sender on its own grid from 09:00.
    expect(got.filter((r) => r.day === '2026-12-02').map((r) => r.sender)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
    expect(DateTime.fromJSDate(got[7]!.at, { zone }).toFormat('ccc HH:mm')).toBe('Thu 09:00');
    const claimed = [...store.claimed];
    expect(claimed.filter((id) => id.startsWith('org1|2026-12-02|o'))).toHaveLength(7);
    // The sender tickets of Wednesday are exactly the reservations made there (the refused ones were given back).
    expect(claimed.filter((id) => /^org1\|[abc]\|2026-12-02\|t/.test(id))).toHaveLength(7);
    expect(got.every((r) => r.ids.length === 3)).toBe(true);
  });

  it('a sender cap tighter than the organization one still holds, and a sequence without the organization cap ignores it', async () => {
    const store = memorySlotStore();
    const due = local('2026-12-02T08:30');
    const capped = { perDay: 2, spacingSeconds: 60, perOrganizationPerDay: 100 };
    const got = [];
    for (let i = 0; i < 3; i++)
      got.push(
        await reserveSlot({ key: 'org1|a', organizationKey: 'org1', notBefore: due, policy, caps: capped, store }),
      );
    expect(got.map((r) => r.day)).toEqual(['2026-12-02', '2026-12-02', '2026-12-03']);
    const plain = await reserveSlot({
      key: 'org1|b',
      organizationKey: 'org1',
      notBefore: due,
      policy,
      caps: { perDay: 2, spacingSeconds: 60 },
      store,
    });
    expect(plain.ids).toHaveLength(2);
  });

  it('concurrent reservations of several senders never exceed the organization cap', async () => {
    const store = memorySlotStore();
    const caps = { perDay: 40, spacingSeconds: 30, perOrganizationPerDay: 30 };
    const got = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        reserveSlot({
          key: `org1|s${i % 4}`,
          organizationKey: 'org1',
          notBefore: local('2026-12-02T08:30'),
          policy,
          caps,
          store,
        }),
      ),
    );
    expect(Object.values(perDayOf(got))).toEqual([30, 30, 30, 10]);
    expect(new Set(got.map((r) => r.ids.at(-1))).size).toBe(100);
  });
});
