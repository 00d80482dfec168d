import { DateTime } from 'luxon';
import type { Duration } from '../types';
import { isOpenDay } from './window';
import type { SendingPolicy } from './types';

/**
 * The nominal send time: `start` + `delay` read in the policy's zone. Days are calendar days of the
 * local clock (10:00 + 1 day is 10:00 the next day across a DST change), or open days with
 * `businessDays`; minutes and hours are exact elapsed time.
 */
export function addDelay(start: Date, delay: Duration, policy: SendingPolicy): Date {
  const local = DateTime.fromJSDate(start, { zone: policy.timeZone });
  if (delay.unit !== 'days') return local.plus({ [delay.unit]: delay.amount }).toJSDate();
  const whole = Math.floor(delay.amount);
  const fraction = { hours: (delay.amount - whole) * 24 };
  if (!policy.businessDays) return local.plus({ days: whole }).plus(fraction).toJSDate();
  let day = local;
  for (let counted = 0; counted < whole;) {
    day = day.plus({ days: 1 });
    if (isOpenDay(day, policy)) counted++;
  }
  return day.plus(fraction).toJSDate();
}
