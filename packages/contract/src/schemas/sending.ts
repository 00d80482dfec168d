// When follow-ups may go out: window, time-zone source, holidays, daily caps, out-of-office policy.
import { OUT_OF_OFFICE_POLICIES, TIME_ZONE_SOURCES } from '@follow-ups/vocabulary';
import { z } from 'zod';

const clockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24 h)');
const localDateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD');

export const sendingWindowSchema = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7).describe('ISO weekdays: 1 = Monday … 7 = Sunday'),
    start: clockSchema,
    end: clockSchema.describe('Exclusive'),
  })
  .refine((w) => w.start < w.end, { message: '`start` must come before `end`', path: ['end'] });

export const holidayCalendarSchema = z.object({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code')
    .nullable()
    .default(null)
    .describe('Public holidays of this country (`date-holidays`)'),
  region: z
    .string()
    .regex(/^[A-Z0-9]{1,5}$/)
    .nullable()
    .default(null)
    .describe('State or region code within the country, e.g. "BY"'),
  dates: z.array(localDateSchema).max(366).default([]).describe('Custom closed dates, local'),
});

export const dailyCapSchema = z.object({
  per_day: z.number().int().min(1).max(100_000).describe('At most this many follow-ups per sender and local day'),
  spacing_seconds: z
    .number()
    .int()
    .min(1)
    .max(3_600)
    .default(30)
    .describe('At least this long between two follow-ups of a sender'),
  per_organization_per_day: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .describe(
      "At most this many follow-ups per organization and local day, all senders together (each sequence enforces its own rule's value: set it on the organization's default, or alike on every rule)",
    ),
});

export const outOfOfficeSchema = z.object({
  policy: z.enum(OUT_OF_OFFICE_POLICIES).default('pause_until_return'),
  pause_days: z.number().int().min(1).max(90).default(7).describe('Pause when an out-of-office names no return date'),
});

/** Defaults: weekdays 09:00–17:00 recipient time, calendar days, no holidays, no cap, pause on out-of-office. */
export const sendingSchema = z.object({
  window: sendingWindowSchema.default({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }),
  time_zone_source: z
    .enum(TIME_ZONE_SOURCES)
    .default('recipient')
    .describe(
      "`recipient`: the contact's zone, else the sender's, else the organization's; `sender`: the sender's, else the organization's",
    ),
  business_days: z.boolean().default(false).describe('"Send after N days" counts open days of the window'),
  holidays: holidayCalendarSchema.nullable().default(null),
  daily_cap: dailyCapSchema.nullable().default(null),
  out_of_office: outOfOfficeSchema.default({}),
});
export type Sending = z.infer<typeof sendingSchema>;
export type SendingInput = z.input<typeof sendingSchema>;
