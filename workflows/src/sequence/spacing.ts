// Overdue follow-ups keep the spacing the rule asked for.
import type { StepState } from '../types';
import { note, publishRun, type SequenceRun } from './run';

/** A follow-up later than this after its spacing is moved; smaller drifts are ordinary latency. */
export const SPACING_TOLERANCE_MS = 1_000;

/**
 * After an outage (no worker, Temporal down) several follow-ups may be overdue at once: each one
 * waits at least the planned gap after the previous one was actually sent, so the spacing the
 * rule asked for is kept instead of sending them all in the same second.
 */
export function keepSpacing(run: SequenceRun, step: StepState): void {
  const { steps } = run.state;
  const previous = steps[steps.indexOf(step) - 1];
  if (!previous?.sentAt) return;
  const gapMs = Date.parse(step.plannedSendAt ?? step.sendAt) - Date.parse(previous.plannedSendAt ?? previous.sendAt);
  const earliest = Date.parse(previous.sentAt) + gapMs;
  if (earliest - Date.parse(step.sendAt) < SPACING_TOLERANCE_MS) return;
  step.plannedSendAt ??= step.sendAt;
  step.sendAt = new Date(earliest).toISOString();
  note(
    run,
    `follow-up ${step.step} moved to ${step.sendAt} to keep its spacing after follow-up ${previous.step} went out late`,
  );
  publishRun(run);
}
