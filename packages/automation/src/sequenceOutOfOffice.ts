import { DEFAULT_OUT_OF_OFFICE } from '@follow-ups/domain';
import type { SequenceOutOfOffice, SequenceSchedule } from '@follow-ups/workflows';

/**
 * Every sequence's out-of-office policy, window or not: the schedule's (the rule's or the
 * organization's `sending.out_of_office`), else the default pause of 7 days. With compressed delays
 * (`FOLLOWUPS_DELAY_DIVISOR`, no schedule) the pause is divided like them.
 */
export function sequenceOutOfOffice(schedule: SequenceSchedule | null, delayDivisor: number): SequenceOutOfOffice {
  return { ...(schedule?.outOfOffice ?? DEFAULT_OUT_OF_OFFICE), delayDivisor };
}
