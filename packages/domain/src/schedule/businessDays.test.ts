import { addDelay } from './businessDays';
import { planWindowedFollowUps } from './plan';
import { local, policy, show } from './scheduleTestKit';

describe('addDelay', () => {
  it('counts calendar days of the local clock across spring forward (Berlin) and fall back (New York)', () => {
    expect(
      show(
        addDelay(local('2027-03-27T10:00', 'Europe/Berlin'), { amount: 1, unit: 'days' }, policy('Europe/Berlin')),
        'Europe/Berlin',
      ),
    ).toBe('Sun 2027-03-28 10:00');
    expect(
      show(
        addDelay(
          local('2026-10-31T10:00', 'America/New_York'),
          { amount: 1, unit: 'days' },
          policy('America/New_York'),
        ),
        'America/New_York',
      ),
    ).toBe('Sun 2026-11-01 10:00');
  });

  it('counts hours as elapsed time across a change', () => {
    expect(
      show(
        addDelay(local('2027-03-28T01:00', 'Europe/Berlin'), { amount: 2, unit: 'hours' }, policy('Europe/Berlin')),
        'Europe/Berlin',
      ),
    ).toBe('Sun 2027-03-28 04:00');
  });

  it('counts business days: Friday + 1 is Monday, Thursday before Christmas + 2 skips the holidays and the weekend', () => {
    const p = policy('Europe/Berlin', { businessDays: true, holidays: { country: 'DE', region: null, dates: [] } });
    expect(
      show(addDelay(local('2026-12-04T11:00', 'Europe/Berlin'), { amount: 1, unit: 'days' }, p), 'Europe/Berlin'),
    ).toBe('Mon 2026-12-07 11:00');
    expect(
      show(addDelay(local('2026-12-24T11:00', 'Europe/Berlin'), { amount: 2, unit: 'days' }, p), 'Europe/Berlin'),
    ).toBe('Tue 2026-12-29 11:00');
  });
});

describe('planWindowedFollowUps', () => {
  const actions = [1, 3, 7].map((days, i) => ({
    type: 'schedule_followup' as const,
    response: `r${i + 1}`,
    send_after: { amount: days, unit: 'days' as const },
  }));

  it('gives nominal and actual times: Friday 10:00 + 1 day (Saturday) goes Monday 09:00', () => {
    const zone = 'America/New_York';
    const plan = planWindowedFollowUps(local('2026-12-04T10:00', zone), actions, policy(zone));
    expect(plan.map((p) => [p.step, show(p.nominalAt, zone), show(p.sendAt, zone)])).toEqual([
      [1, 'Sat 2026-12-05 10:00', 'Mon 2026-12-07 09:00'],
      [2, 'Mon 2026-12-07 10:00', 'Mon 2026-12-07 10:00'],
      [3, 'Fri 2026-12-11 10:00', 'Fri 2026-12-11 10:00'],
    ]);
  });

  it('without a policy keeps the fixed 24 h plan', () => {
    const start = new Date('2026-12-04T10:00:00Z');
    const plan = planWindowedFollowUps(start, actions, null);
    expect(plan.map((p) => p.sendAt.getTime() - start.getTime())).toEqual([1, 3, 7].map((d) => d * 86_400_000));
    expect(plan.every((p) => p.nominalAt === p.sendAt)).toBe(true);
  });
});
