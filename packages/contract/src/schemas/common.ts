import { z } from 'zod';

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

/** An email address with an optional display name, as in Missive's `*_fields`. */
export const addressSchema = z.object({
  address: z.string().trim().email(),
  name: z.string().optional(),
});
export type Address = z.infer<typeof addressSchema>;

/** A string that holds more than whitespace. */
export const nonBlankSchema = z.string().regex(/\S/, 'must not be empty');

export const durationUnitSchema = z.enum(['minutes', 'hours', 'days']);
export type DurationUnit = z.infer<typeof durationUnitSchema>;

/** A delay such as "3 days". */
export const durationSchema = z.object({
  amount: z.number().int().positive(),
  unit: durationUnitSchema,
});
export type Duration = z.infer<typeof durationSchema>;

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
