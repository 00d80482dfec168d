import type { Sending } from '@follow-ups/contract';

/**
 * A rule's or organization's `sending` as the database holds it (a Mixed field): written only
 * through the contract's `sendingSchema` (API, rule template), so it has the contract's shape.
 * The one place automation takes it from the database; everything after is typed `Sending`.
 */
export const storedSending = (value: unknown): Sending | null => (value ?? null) as Sending | null;
