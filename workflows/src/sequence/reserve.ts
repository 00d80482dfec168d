// A due follow-up asks when it may actually go: inside the sending window, within the daily cap.
import type { StepState } from '../types';
import { activities } from './activities';
import { note, publishRun, type SequenceRun } from './run';
import { SPACING_TOLERANCE_MS } from './spacing';

/** The window read now and the sender's daily cap give the step its actual send time (a reserved slot). */
export async function reserveSendTime(run: SequenceRun, step: StepState): Promise<void> {
  const { input } = run;
  const schedule = input.schedule!;
  const due = step.sendAt;
  const { sendAt } = await activities(`reserve a send time for follow-up ${step.step} (due ${due})`).reserveSendTime({
    organizationId: input.organizationId,
    sender: input.sender,
    draftId: step.draftId,
    notBefore: due,
    schedule,
  });
  step.reservedFor = sendAt;
  if (schedule.caps) step.reservedFrom = due;
  if (step.sendAt !== due) return; // moved meanwhile (pause, spacing): reserve again for the new time
  step.sendAt = sendAt;
  if (Date.parse(sendAt) - Date.parse(due) >= SPACING_TOLERANCE_MS) {
    step.plannedSendAt ??= due;
    note(run, `follow-up ${step.step} moved to ${sendAt} (sending window, daily cap)`);
    publishRun(run);
  }
}
