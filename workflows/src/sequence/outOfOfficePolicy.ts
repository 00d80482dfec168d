// Which out-of-office policy a sequence follows, and what the activity needs to plan its pause.
import type { OutOfOfficeResumeInput } from '../activities';
import type { FollowUpSequenceInput, OutOfOfficeReceived, SequenceState } from '../types';

type Policy = NonNullable<FollowUpSequenceInput['outOfOffice']>['policy'];

/** The window's policy, else the one the sequence was started with; neither: `ignore`. */
export function outOfOfficePolicyOf(input: FollowUpSequenceInput): Policy {
  if (input.schedule) return input.schedule.outOfOffice.policy;
  if (input.outOfOffice) return input.outOfOffice.policy;
  return 'ignore';
}

/** Called only for a `pause_until_return` policy, so a sequence without a schedule has `outOfOffice`. */
export function outOfOfficeResumeInput(
  input: FollowUpSequenceInput,
  state: SequenceState,
  reply: OutOfOfficeReceived,
): OutOfOfficeResumeInput {
  if (input.schedule) return { schedule: input.schedule, reply };
  return {
    outOfOffice: input.outOfOffice!,
    organizationId: input.organizationId,
    sender: input.sender,
    recipient: input.recipient,
    plannedAt: state.steps.find((s) => s.status === 'scheduled')?.sendAt ?? null,
    reply,
  };
}
