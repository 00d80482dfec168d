import { DateTime } from 'luxon';
import { nextOpening } from './window';
import type { OutOfOfficePolicy, SendingPolicy } from './types';

/**
 * When a sequence paused by an out-of-office resumes: the first opening of the window from the day
 * after the return date (a local YYYY-MM-DD), or `pauseDays` after the auto-reply when it named none.
 */
export function outOfOfficeResumeAt(args: {
  policy: SendingPolicy;
  outOfOffice: OutOfOfficePolicy;
  returnDate: string | null;
  receivedAt: Date;
}): Date {
  const zone = args.policy.timeZone;
  const back = args.returnDate ? DateTime.fromISO(args.returnDate, { zone }) : null;
  const from = back?.isValid
    ? back.plus({ days: 1 }).startOf('day')
    : DateTime.fromJSDate(args.receivedAt, { zone }).plus({ days: args.outOfOffice.pauseDays });
  return nextOpening(from.toJSDate(), args.policy);
}

/**
 * The same for a sequence without a sending window: the day after the return date at the local
 * time of day its next follow-up was planned for (`plannedAt`, else the auto-reply's), or
 * `pauseDays` after the auto-reply, in real time (a compressed plan compresses it: `planClock`);
 * a return date already past resumes at once.
 */
export function outOfOfficeResumeWithoutWindow(args: {
  outOfOffice: OutOfOfficePolicy;
  returnDate: string | null;
  receivedAt: Date;
  plannedAt: Date | null;
  timeZone: string;
}): Date {
  const zone = args.timeZone;
  const back = args.returnDate ? DateTime.fromISO(args.returnDate, { zone }) : null;
  const clock = DateTime.fromJSDate(args.plannedAt ?? args.receivedAt, { zone });
  const at = back?.isValid
    ? back.plus({ days: 1 }).set({ hour: clock.hour, minute: clock.minute, second: clock.second, millisecond: 0 })
    : DateTime.fromJSDate(args.receivedAt, { zone }).plus({ days: args.outOfOffice.pauseDays });
  return new Date(Math.max(at.toMillis(), args.receivedAt.getTime()));
}
