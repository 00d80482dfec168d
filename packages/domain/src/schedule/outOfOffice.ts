import { DateTime } from 'luxon';
import { nextOpening } from './window';
import type { OutOfOfficePolicy, SendingPolicy } from './types';

/**
 * When a sequence paused by an out-of-office resumes: the first opening of the window from the day
 * after the return date (a local YYYY-MM-DD), or `pauseDays` after the auto-reply when it named none.
 */
export function outOfOfficeResumeAt(args: { policy: SendingPolicy; outOfOffice: OutOfOfficePolicy; returnDate: string | null; receivedAt: Date }): Date {
  const zone = args.policy.timeZone;
  const back = args.returnDate ? DateTime.fromISO(args.returnDate, { zone }) : null;
  const from = back?.isValid
    ? back.plus({ days: 1 }).startOf('day')
    : DateTime.fromJSDate(args.receivedAt, { zone }).plus({ days: args.outOfOffice.pauseDays });
  return nextOpening(from.toJSDate(), args.policy);
}
