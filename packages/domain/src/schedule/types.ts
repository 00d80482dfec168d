/** Sending-window settings: plain data, as stored on a rule or an organization and passed to workflows. */
import type { OutOfOfficePolicyName } from '@follow-ups/vocabulary';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Allowed weekdays and local hours ("HH:MM", end exclusive), read in `SendingPolicy.timeZone`. */
export type SendingWindow = { days: Weekday[]; start: string; end: string };

/** Public holidays of a country (and region) from `date-holidays`, plus custom local dates (YYYY-MM-DD). */
export type HolidayCalendar = { country: string | null; region: string | null; dates: string[] };

/** Everything that turns a nominal send time into an actual one. */
export type SendingPolicy = {
  window: SendingWindow;
  /** IANA zone the window is read in (recipient's, else sender's, else organization's). */
  timeZone: string;
  /** "Send after N days" counts open days (weekdays of the window, not holidays) instead of calendar days. */
  businessDays: boolean;
  holidays: HolidayCalendar | null;
};

/**
 * At most `perDay` sends per sender and local day, at least `spacingSeconds` apart; with
 * `perOrganizationPerDay`, also at most that many per organization and local day, all senders together.
 */
export type SendCaps = { perDay: number; spacingSeconds: number; perOrganizationPerDay?: number };

export type OutOfOfficePolicy = { policy: OutOfOfficePolicyName; pauseDays: number };

/** Defaults of the template endpoint: weekdays 09:00–17:00 recipient time. */
export const DEFAULT_WINDOW: SendingWindow = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
export const DEFAULT_OUT_OF_OFFICE: OutOfOfficePolicy = { policy: 'pause_until_return', pauseDays: 7 };
