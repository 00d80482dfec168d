import { z } from 'zod';
import { DISPLAY_NAME_MAX, EMAIL_LIMITS, MAX_DELAY_DAYS } from './limits';
import { DURATION_UNITS } from '@follow-ups/vocabulary';

/** A MongoDB ObjectId as 24 hex characters: every stored resource's id. */
export const idSchema = z.string().regex(/^[0-9a-fA-F]{24}$/, 'expected a 24-character hex id');
export type Id = z.infer<typeof idSchema>;

/** A point in time as unix seconds (Missive style), in responses. */
export const unixTimeSchema = z.number().int().nonnegative();
export type UnixTime = z.infer<typeof unixTimeSchema>;

/** Latest second a request may name (year 9999): catches milliseconds sent by mistake. */
const MAX_UNIX_SECONDS = 253_402_300_799;

/** A point in time as unix seconds, in requests. */
export const unixTimeInputSchema = z
  .number()
  .int()
  .positive()
  .max(MAX_UNIX_SECONDS, 'expected unix seconds, not milliseconds');

/** CR, LF and every other C0/C1 control character, and the Unicode line separators. */
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/u;

/** Text that ends up in a mail header: one line, no control characters (no header injection). */
export const headerTextSchema = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain line breaks or other control characters');

/** Control characters other than tab, LF and CR. */
const CONTROL_CHARACTERS_BUT_LINE_BREAKS = /[^\P{Cc}\t\n\r]/u;

/**
 * The Liquid source of a subject: it may span lines (the `{% liquid %}` tag needs them; the
 * rendered subject is put on one line before it is sent), but holds no other control character.
 */
export const subjectTemplateSchema = (max: number) =>
  z
    .string()
    .max(max)
    .refine(
      (value) => !CONTROL_CHARACTERS_BUT_LINE_BREAKS.test(value),
      'must not contain control characters other than line breaks and tabs',
    );

/** One email address, trimmed, with the RFC 5321 length limits. */
export const emailAddressSchema = z
  .string()
  .trim()
  .max(EMAIL_LIMITS.address, `must be at most ${EMAIL_LIMITS.address} characters (RFC 5321)`)
  .email()
  .superRefine((address, ctx) => {
    const at = address.lastIndexOf('@');
    if (at > EMAIL_LIMITS.localPart) {
      ctx.addIssue({
        code: 'custom',
        message: `the part before @ must be at most ${EMAIL_LIMITS.localPart} characters (RFC 5321)`,
      });
    }
    if (
      address
        .slice(at + 1)
        .split('.')
        .some((label) => label.length > EMAIL_LIMITS.domainLabel)
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `each part of the domain must be at most ${EMAIL_LIMITS.domainLabel} characters (RFC 1035)`,
      });
    }
  });

/** An email address with an optional display name, as in Missive's `*_fields`. */
export const addressSchema = z.object({
  address: emailAddressSchema,
  name: headerTextSchema(DISPLAY_NAME_MAX).optional(),
});
export type Address = z.infer<typeof addressSchema>;

/** A string that holds more than whitespace. */
export const nonBlankSchema = z.string().regex(/\S/, 'must not be empty');

export const durationUnitSchema = z.enum(DURATION_UNITS);
export type DurationUnit = z.infer<typeof durationUnitSchema>;

const MINUTES_PER_UNIT: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** A delay such as "3 days": a whole number of units, at most 365 days. */
export const durationSchema = z
  .object({
    amount: z.number().int().positive(),
    unit: durationUnitSchema,
  })
  .refine((d) => d.amount * MINUTES_PER_UNIT[d.unit] <= MAX_DELAY_DAYS * MINUTES_PER_UNIT.days, {
    path: ['amount'],
    message: `a delay is at most ${MAX_DELAY_DAYS} days (${MAX_DELAY_DAYS * 24} hours, ${MAX_DELAY_DAYS * 1440} minutes)`,
  });
export type Duration = z.infer<typeof durationSchema>;

/** A delay in minutes (for ordering and comparisons). */
export const durationMinutes = (d: Duration) => d.amount * MINUTES_PER_UNIT[d.unit];

/** Machine-readable error codes, each with the HTTP status it travels with. */
export const ERROR_STATUS = {
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  /** A recipient is on the suppression list; the message names the address and the reason. */
  recipient_suppressed: 422,
  /** `from_field` is not one of the organization's users, aliases or assigned domains, or is the platform's own. */
  sender_not_allowed: 422,
  /** Too many requests from one client address or one token; `Retry-After` says when to try again. */
  rate_limited: 429,
  internal_error: 500,
  provider_error: 502,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** The body of every error response. `issues` lists the fields a validation error is about. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorSchema>;

/** The error schema with a description, which becomes the OpenAPI response description. */
export const errorResponse = (description: string) => errorSchema.describe(description);

/** What an erasure deleted, by collection (DELETE /v1/contacts/:address, DELETE /v1/conversations/:id). */
export const erasureSchema = z.object({
  erased: z
    .record(z.string(), z.number().int().min(0))
    .describe('Records deleted per collection; `suppressionsHashed`: the suppression kept as a keyed hash'),
});
