// Time in one place: the clock port and the unix seconds the API and Standard Webhooks use.

/** The clock, injected as `deps.now` (tests and benches may pass their own). */
export type Clock = () => Date;

/** The time on the deps' clock, or the system's when none is given. */
export const currentTime = (deps: { now?: Clock }): Date => (deps.now ? deps.now() : new Date());

/** Seconds since the epoch, as Missive's API returns times. */
export const unixSeconds = (date: Date | string | number): number => Math.floor(new Date(date).getTime() / 1000);

/** The same, null for no date. */
export const unixSecondsOrNull = (date: Date | string | null | undefined): number | null =>
  date ? unixSeconds(date) : null;
