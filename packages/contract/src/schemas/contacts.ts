import { z } from 'zod';
import { timeZoneSchema } from './directory';

/** A recipient and the time zone its follow-ups' sending window is read in. */
export const contactSchema = z.object({
  address: z.string(),
  time_zone: z.string().nullable().describe("IANA zone; null: the sender's, else the organization's is used"),
});
export type Contact = z.infer<typeof contactSchema>;

export const contactBodySchema = z.object({ contacts: contactSchema });
export const updateContactBodySchema = z.object({
  contacts: z.object({ time_zone: timeZoneSchema.nullable() }).strict(),
});
