// Shared by the schedule's unit tests: a policy in a zone, and local times read and shown in it.
import { DateTime } from 'luxon';
import { DEFAULT_WINDOW, type SendingPolicy } from './types';

export const policy = (timeZone: string, extra: Partial<SendingPolicy> = {}): SendingPolicy => ({
  window: DEFAULT_WINDOW,
  timeZone,
  businessDays: false,
  holidays: null,
  ...extra,
});
export const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
export const show = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');
