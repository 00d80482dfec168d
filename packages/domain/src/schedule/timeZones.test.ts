import { isValidTimeZone, resolveTimeZone } from './timeZones';
import { isHoliday, isKnownCalendar } from './holidays';

describe('time zones', () => {
  it('accepts IANA names and refuses anything else', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    for (const bad of ['Mars/Olympus', 'CEST+2', '', 'europe berlin', '../../etc/passwd'])
      expect(isValidTimeZone(bad)).toBe(false);
  });

  it('uses the recipient zone, else the sender zone, else the organization zone, else UTC', () => {
    expect(resolveTimeZone({ recipient: 'Asia/Tokyo', sender: 'Europe/Paris', organization: 'America/Chicago' })).toBe(
      'Asia/Tokyo',
    );
    expect(resolveTimeZone({ recipient: null, sender: 'Europe/Paris', organization: 'America/Chicago' })).toBe(
      'Europe/Paris',
    );
    expect(resolveTimeZone({ organization: 'America/Chicago' })).toBe('America/Chicago');
    expect(resolveTimeZone({})).toBe('UTC');
  });
});

describe('holidays', () => {
  it('knows country and region calendars', () => {
    expect(isKnownCalendar('US')).toBe(true);
    expect(isKnownCalendar('DE', 'BY')).toBe(true);
    expect(isKnownCalendar('XX')).toBe(false);
    expect(isKnownCalendar('DE', 'ZZ')).toBe(false);
  });

  it('finds public holidays, regional ones and custom dates', () => {
    expect(isHoliday('2026-12-25', { country: 'US', region: null, dates: [] })).toBe(true);
    expect(isHoliday('2026-11-26', { country: 'US', region: null, dates: [] })).toBe(true); // Thanksgiving
    expect(isHoliday('2026-11-26', { country: 'DE', region: null, dates: [] })).toBe(false);
    expect(isHoliday('2027-01-06', { country: 'DE', region: 'BY', dates: [] })).toBe(true); // Epiphany in Bavaria
    expect(isHoliday('2027-01-06', { country: 'DE', region: 'BE', dates: [] })).toBe(false);
    expect(isHoliday('2026-12-02', { country: null, region: null, dates: ['2026-12-02'] })).toBe(true);
    expect(isHoliday('2026-12-02', null)).toBe(false);
  });
});
