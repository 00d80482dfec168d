import { nextOpening } from './window';
import { local, policy, show } from './scheduleTestKit';

describe('nextOpening', () => {
  it('keeps a time inside the window', () => {
    const at = local('2026-12-02T10:15', 'Europe/Berlin');
    expect(nextOpening(at, policy('Europe/Berlin'))).toEqual(at);
  });

  it('moves Saturday to Monday 09:00 recipient time', () => {
    expect(
      show(nextOpening(local('2026-12-05T10:00', 'America/New_York'), policy('America/New_York')), 'America/New_York'),
    ).toBe('Mon 2026-12-07 09:00');
  });

  it('moves 03:00 to 09:00 the same day and 17:00 (window end, exclusive) to the next morning', () => {
    const zone = 'Asia/Tokyo';
    expect(show(nextOpening(local('2026-12-02T03:00', zone), policy(zone)), zone)).toBe('Wed 2026-12-02 09:00');
    expect(show(nextOpening(local('2026-12-02T17:00', zone), policy(zone)), zone)).toBe('Thu 2026-12-03 09:00');
    expect(show(nextOpening(local('2026-12-04T18:00', zone), policy(zone)), zone)).toBe('Mon 2026-12-07 09:00');
  });

  it('reads the window in the given zone: the same instant is inside for Berlin, outside for Los Angeles', () => {
    const at = new Date('2026-12-02T12:00:00Z'); // 13:00 Berlin, 04:00 Los Angeles
    expect(nextOpening(at, policy('Europe/Berlin'))).toEqual(at);
    expect(show(nextOpening(at, policy('America/Los_Angeles')), 'America/Los_Angeles')).toBe('Wed 2026-12-02 09:00');
  });

  it('honours custom days and hours (Monday–Friday 08:30–17:30)', () => {
    const p = policy('Europe/Paris', { window: { days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' } });
    expect(show(nextOpening(local('2026-12-06T23:00', 'Europe/Paris'), p), 'Europe/Paris')).toBe(
      'Mon 2026-12-07 08:30',
    );
    expect(show(nextOpening(local('2026-12-07T17:29', 'Europe/Paris'), p), 'Europe/Paris')).toBe(
      'Mon 2026-12-07 17:29',
    );
  });

  it('skips public holidays of the calendar and custom dates', () => {
    const zone = 'Europe/Berlin';
    const p = policy(zone, { holidays: { country: 'DE', region: null, dates: ['2026-12-28'] } });
    // Thu 24 Dec 18:00 → 25 and 26 are public holidays, 27 is Sunday, 28 is a custom date.
    expect(show(nextOpening(local('2026-12-24T18:00', zone), p), zone)).toBe('Tue 2026-12-29 09:00');
  });

  it('refuses a window that never opens', () => {
    expect(() =>
      nextOpening(new Date(), policy('UTC', { window: { days: [1], start: '10:00', end: '09:00' } })),
    ).toThrow(RangeError);
  });
});

describe('daylight-saving transitions', () => {
  it('spring forward in Berlin: the window still opens at 09:00 local (08:00 UTC before, 07:00 UTC after)', () => {
    // Europe/Berlin springs forward on Sun 2027-03-28: 09:00 on Mon 29 is 07:00 UTC (CEST), on Fri 26 08:00 UTC (CET).
    const p = policy('Europe/Berlin');
    expect(nextOpening(local('2027-03-26T20:00', 'Europe/Berlin'), p).toISOString()).toBe('2027-03-29T07:00:00.000Z');
    expect(nextOpening(local('2027-03-25T20:00', 'Europe/Berlin'), p).toISOString()).toBe('2027-03-26T08:00:00.000Z');
  });

  it('fall back in New York: 09:00 local on both sides of the change', () => {
    // America/New_York falls back on Sun 2026-11-01.
    const p = policy('America/New_York');
    expect(nextOpening(local('2026-10-30T20:00', 'America/New_York'), p).toISOString()).toBe(
      '2026-11-02T14:00:00.000Z',
    );
    expect(nextOpening(local('2026-10-29T20:00', 'America/New_York'), p).toISOString()).toBe(
      '2026-10-30T13:00:00.000Z',
    );
  });

  it('a window starting inside the spring-forward gap opens at the first valid minute, never dropped', () => {
    const p = policy('America/New_York', { window: { days: [7], start: '02:30', end: '04:00' } });
    // Sun 2027-03-14 02:00 → 03:00 in New York.
    expect(show(nextOpening(local('2027-03-13T12:00', 'America/New_York'), p), 'America/New_York')).toBe(
      'Sun 2027-03-14 03:30',
    );
  });
});
