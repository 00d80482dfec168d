import Holidays from 'date-holidays';
import type { HolidayCalendar } from './types';

const calendars = new Map<string, Set<string>>();
const countries = new Holidays().getCountries('en');

/** True when `country` (ISO 3166-1 alpha-2) and optional `region` are known to `date-holidays`. */
export function isKnownCalendar(country: string, region?: string | null): boolean {
  if (!countries[country]) return false;
  if (!region) return true;
  return Boolean(new Holidays().getStates(country, 'en')?.[region]);
}

/** Local dates (YYYY-MM-DD) of the public holidays of a country/region in one year, cached. */
function publicHolidays(country: string, region: string | null, year: number): Set<string> {
  const key = `${country}/${region ?? ''}/${year}`;
  let dates = calendars.get(key);
  if (!dates) {
    const holidays = region ? new Holidays(country, region) : new Holidays(country);
    dates = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    calendars.set(key, dates);
  }
  return dates;
}

/** True when the local date `isoDate` (YYYY-MM-DD) is a holiday of the calendar. */
export function isHoliday(isoDate: string, calendar: HolidayCalendar | null): boolean {
  if (!calendar) return false;
  if (calendar.dates.includes(isoDate)) return true;
  if (!calendar.country) return false;
  return publicHolidays(calendar.country, calendar.region, Number(isoDate.slice(0, 4))).has(isoDate);
}
