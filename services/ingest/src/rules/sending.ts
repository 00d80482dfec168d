import type { Sending } from '@follow-ups/contract';
import { isKnownCalendar } from '@follow-ups/domain';
import { invalid } from '../http/appError';

/** The `sending` object unchanged, or a 400 when its holiday calendar names a country or region `date-holidays` does not know. */
export function refuseUnknownCalendar<T extends Sending | null | undefined>(sending: T, path: string): T {
  const holidays = sending?.holidays;
  if (holidays?.region && !holidays.country) {
    throw invalid('a holiday region needs its country', [
      { path: `${path}.holidays.country`, message: 'required with `region`' },
    ]);
  }
  if (holidays?.country && !isKnownCalendar(holidays.country, holidays.region)) {
    const what = holidays.region ? `region ${holidays.country}-${holidays.region}` : `country ${holidays.country}`;
    throw invalid(`no holiday calendar for ${what}`, [{ path: `${path}.holidays`, message: `unknown ${what}` }]);
  }
  return sending;
}
