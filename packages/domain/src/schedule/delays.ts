// Follow-up timing: offsets from the initial email, not chained from one follow-up to the next.
import type { Duration, RuleAction } from '../types';

const UNIT_MS: Record<Duration['unit'], number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

export type PlannedFollowUp = { step: number; response: string; sendAt: Date };

/** Longest follow-up delay: a year, far inside Temporal's timer limit (about 100 years). */
export const MAX_DELAY_DAYS = 365;
const MAX_DELAY_MS = MAX_DELAY_DAYS * UNIT_MS.days;

/** Milliseconds in a duration. Days are fixed 24 h (no calendar or DST arithmetic). */
export function durationMs(d: Duration): number {
  if (!Number.isFinite(d.amount) || d.amount < 0) {
    throw new RangeError(`Duration amount must be a finite number >= 0, got ${d.amount}`);
  }
  const unitMs = UNIT_MS[d.unit];
  if (unitMs === undefined) throw new RangeError(`Unknown duration unit "${String(d.unit)}"`);
  const ms = d.amount * unitMs;
  if (ms > MAX_DELAY_MS) throw new RangeError(`A delay is at most ${MAX_DELAY_DAYS} days, got ${d.amount} ${d.unit}`);
  return ms;
}

/**
 * One follow-up per schedule_followup action: step 1.. in action order, due at
 * initialSentAt + send_after. Returned by due time; equal times keep action order.
 */
export function planFollowUps(initialSentAt: Date, actions: readonly RuleAction[]): PlannedFollowUp[] {
  const start = initialSentAt.getTime();
  const plan: PlannedFollowUp[] = [];
  for (const action of actions) {
    if (action.type !== 'schedule_followup') continue;
    plan.push({
      step: plan.length + 1,
      response: action.response,
      sendAt: new Date(start + durationMs(action.send_after)),
    });
  }
  return plan.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime());
}

/** Label ids of the add_labels actions, first occurrence order, without duplicates. */
export function labelsToAdd(actions: readonly RuleAction[]): string[] {
  const labels = new Set<string>();
  for (const action of actions) {
    if (action.type === 'add_labels') action.labels.forEach((l) => labels.add(l));
  }
  return [...labels];
}

/** "1 day", "3 days", "90 minutes". */
export function formatDuration(d: Duration): string {
  const singular = d.unit.slice(0, -1);
  return `${d.amount} ${d.amount === 1 ? singular : d.unit}`;
}
