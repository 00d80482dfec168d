/**
 * The time scale of plans, and the one place it applies: every time of a plan (a follow-up's send
 * time, the end of an out-of-office pause) is computed in real calendar time, then compressed from
 * the moment it counts from. Real time in production (divisor 1); `FOLLOWUPS_DELAY_DIVISOR`
 * compresses plans for demos and tests (86400: a day lasts a second; 1440: a minute).
 */
export type PlanClock = {
  /** True at real time: sending windows (wall-clock hours) apply only then. */
  readonly real: boolean;
  /** `at`, moved so that its distance from `from` is divided by the clock's divisor. */
  compress(from: Date, at: Date): Date;
};

export function planClock(divisor = 1): PlanClock {
  return {
    real: divisor === 1,
    compress: (from, at) => (divisor === 1 ? at : new Date(from.getTime() + (at.getTime() - from.getTime()) / divisor)),
  };
}
