// The state one sequence run carries between its steps, its handlers and its closing.
import type { FollowUpSequenceInput, OutOfOfficeReceived, SequenceState } from '../types';
import { publish } from '../visibility';

/** Why the sequence is closing: set by a reply or a stop, read when the loop ends. */
export type Closing = { status: 'replied' | 'stopped'; reason: string };

export type SequenceRun = {
  input: FollowUpSequenceInput;
  state: SequenceState;
  /** Set by a reply or a stop (the first one wins); the loop stops at the next wait. */
  closing: Closing | null;
  /** The latest out-of-office reply not handled yet (the wait applies the rule's policy). */
  outOfOffice: OutOfOfficeReceived | null;
};

/** The workflow's clock (deterministic: Temporal's time of the current task). */
export const isoNow = () => new Date(Date.now()).toISOString();

/** The plan as received: every step scheduled, nothing sent. */
export function startRun(input: FollowUpSequenceInput): SequenceRun {
  const state: SequenceState = {
    status: 'active',
    steps: input.steps.map((s) => ({ ...s, status: 'scheduled', reason: null, sentAt: null })),
    nextFollowUpAt: null,
    followUpsSent: 0,
    pausedAt: null,
    closedAt: null,
    reason: null,
    timeline: [`${isoNow()} started: ${input.steps.length} follow-ups planned`],
  };
  return { input, state, closing: null, outOfOffice: null };
}

/** A line in the timeline shown to ops. */
export const note = (run: SequenceRun, text: string) => run.state.timeline.push(`${isoNow()} ${text}`);

/** Makes the run's state visible (search attributes, current details). */
export const publishRun = (run: SequenceRun) => publish(run.input, run.state);

/** Read through a function where TypeScript would keep an earlier narrowing (handlers write it). */
export const closingOf = (run: SequenceRun): Closing | null => run.closing;

/** Updates are refused once the sequence is closing or closed. */
export function assertOpen(run: SequenceRun): void {
  const { state } = run;
  if (state.closedAt || run.closing)
    throw new Error(
      `sequence is already ${state.status === 'active' || state.status === 'paused' ? 'closing' : state.status}`,
    );
}
