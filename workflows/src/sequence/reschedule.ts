// Moving the steps still to send (after a pause): their drafts get the new send times.
import { activities } from './activities';
import type { SequenceRun } from './run';

/**
 * Every step still scheduled moves by `shiftMs` and its draft is rescheduled (one activity).
 * `keepPlanned`: the step remembers its planned send time (shown as "nominal").
 */
export async function shiftRemaining(
  run: SequenceRun,
  shiftMs: number,
  { keepPlanned }: { keepPlanned: boolean },
): Promise<void> {
  const remaining = run.state.steps.filter((s) => s.status === 'scheduled');
  if (!remaining.length) return;
  for (const step of remaining) {
    if (keepPlanned) step.plannedSendAt ??= step.sendAt;
    step.sendAt = new Date(Date.parse(step.sendAt) + shiftMs).toISOString();
  }
  await activities('reschedule remaining follow-ups').rescheduleDrafts({
    organizationId: run.input.organizationId,
    steps: remaining.map((s) => ({ draftId: s.draftId, sendAt: s.sendAt })),
  });
}
