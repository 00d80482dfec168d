import { durationMs, formatDuration, labelsToAdd, planFollowUps } from './delays';
import type { DurationUnit, RuleAction } from '../types';

const followUp = (response: string, amount: number, unit: DurationUnit = 'days'): RuleAction => ({
  type: 'schedule_followup',
  response,
  send_after: { amount, unit },
});

describe('durationMs', () => {
  it('converts each unit', () => {
    expect(durationMs({ amount: 90, unit: 'minutes' })).toBe(5_400_000);
    expect(durationMs({ amount: 2, unit: 'hours' })).toBe(7_200_000);
    expect(durationMs({ amount: 3, unit: 'days' })).toBe(259_200_000);
    expect(durationMs({ amount: 0, unit: 'days' })).toBe(0);
  });

  it('rejects negative or non-finite amounts', () => {
    expect(() => durationMs({ amount: -1, unit: 'days' })).toThrow(RangeError);
    expect(() => durationMs({ amount: Number.NaN, unit: 'days' })).toThrow(RangeError);
  });

  it('accepts up to a year and rejects a longer delay in any unit', () => {
    expect(durationMs({ amount: 365, unit: 'days' })).toBe(365 * 86_400_000);
    expect(durationMs({ amount: 8760, unit: 'hours' })).toBe(365 * 86_400_000);
    expect(() => durationMs({ amount: 366, unit: 'days' })).toThrow(/at most 365 days/);
    expect(() => durationMs({ amount: 525_601, unit: 'minutes' })).toThrow(RangeError);
    expect(() => durationMs({ amount: 1e9, unit: 'days' })).toThrow(RangeError);
  });
});

describe('planFollowUps', () => {
  const sentAt = new Date('2025-03-03T09:00:00.000Z');

  it('offsets every follow-up from the initial email, not from the previous one', () => {
    const plan = planFollowUps(sentAt, [followUp('r1', 1), followUp('r2', 3), followUp('r3', 7)]);
    expect(plan).toEqual([
      { step: 1, response: 'r1', sendAt: new Date('2025-03-04T09:00:00.000Z') },
      { step: 2, response: 'r2', sendAt: new Date('2025-03-06T09:00:00.000Z') },
      { step: 3, response: 'r3', sendAt: new Date('2025-03-10T09:00:00.000Z') },
    ]);
  });

  it('numbers steps in action order, ignores label actions and sorts by due time (stable)', () => {
    const plan = planFollowUps(sentAt, [
      followUp('late', 2),
      { type: 'add_labels', labels: ['deal'] },
      followUp('early', 30, 'minutes'),
      followUp('same-a', 1),
      followUp('same-b', 24, 'hours'),
    ]);
    expect(plan.map((p) => [p.step, p.response])).toEqual([
      [2, 'early'],
      [3, 'same-a'],
      [4, 'same-b'],
      [1, 'late'],
    ]);
  });

  it('is empty without follow-up actions', () => {
    expect(planFollowUps(sentAt, [{ type: 'add_labels', labels: ['x'] }])).toEqual([]);
  });
});

describe('labelsToAdd', () => {
  it('collects add_labels ids in order, once each', () => {
    expect(
      labelsToAdd([
        { type: 'add_labels', labels: ['deal', 'quote'] },
        followUp('r1', 1),
        { type: 'add_labels', labels: ['quote', 'hot'] },
      ]),
    ).toEqual(['deal', 'quote', 'hot']);
  });
});

describe('formatDuration', () => {
  it('pluralises the unit', () => {
    expect(formatDuration({ amount: 1, unit: 'days' })).toBe('1 day');
    expect(formatDuration({ amount: 3, unit: 'days' })).toBe('3 days');
    expect(formatDuration({ amount: 90, unit: 'minutes' })).toBe('90 minutes');
    expect(formatDuration({ amount: 1, unit: 'hours' })).toBe('1 hour');
  });
});
