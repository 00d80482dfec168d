import { DateTime } from 'luxon';
import { isHoliday } from './holidays';
import type { SendingPolicy } from './types';

/** How far ahead an opening is searched: a window open on no day of the year is a configuration error. */
const MAX_DAYS_AHEAD = 400;

export const parseClock = (hhmm: string) => {
  const [hour, minute] = hhmm.split(':').map(Number);
  return { hour, minute };
};

/** True when the local day is one of the window's weekdays and not a holiday (its date formatted only when there are holidays). */
export function isOpenDay(day: DateTime, policy: SendingPolicy): boolean {
  if (!policy.window.days.includes(day.weekday as never)) return false;
  return !policy.holidays || !isHoliday(day.toISODate()!, policy.holidays);
}

/**
 * The window of one local day as instants. Built from local wall-clock fields, so a DST change
 * keeps 09:00 at 09:00 (a start inside a spring-forward gap moves to the first valid minute).
 */
export function dayWindow(day: DateTime, policy: SendingPolicy): { open: DateTime; close: DateTime } {
  const base = { year: day.year, month: day.month, day: day.day };
  const open = DateTime.fromObject({ ...base, ...parseClock(policy.window.start) }, { zone: policy.timeZone });
  const close = DateTime.fromObject({ ...base, ...parseClock(policy.window.end) }, { zone: policy.timeZone });
  return { open, close };
}

/** The window openings of open days from the day of `from` on (today's included even if it already began). */
export function* openWindows(from: Date, policy: SendingPolicy): Generator<{ day: string; open: Date; close: Date }> {
  let day = DateTime.fromJSDate(from, { zone: policy.timeZone }).startOf('day');
  for (let i = 0; i < MAX_DAYS_AHEAD; i++, day = day.plus({ days: 1 })) {
    if (!isOpenDay(day, policy)) continue;
    const { open, close } = dayWindow(day, policy);
    if (close <= open) continue;
    yield { day: day.toISODate()!, open: open.toJSDate(), close: close.toJSDate() };
  }
  throw new RangeError(`the sending window opens on no day within ${MAX_DAYS_AHEAD} days`);
}

/** `at` itself when it falls inside the window, else the next opening of the window. */
export function nextOpening(at: Date, policy: SendingPolicy): Date {
  for (const w of openWindows(at, policy)) {
    if (at < w.close) return at > w.open ? at : w.open;
  }
  throw new RangeError('unreachable');
}
