import type { Sending } from '@follow-ups/contract';
import { DEFAULT_OUT_OF_OFFICE } from '@follow-ups/domain';
import type { SequenceOutOfOffice, SequenceSchedule } from '@follow-ups/workflows';

/**
 * Every sequence's out-of-office policy, window or not: the schedule's, else the `sending` at hand
 * (the rule's, else the organization's when the caller holds its settings), else the default pause
 * of 7 days. With compressed delays (`FOLLOWUPS_DELAY_DIVISOR`, no schedule) the pause is divided like them.
 */
export function sequenceOutOfOffice(schedule: SequenceSchedule | null, delayDivisor: number, sending: Sending | null): SequenceOutOfOffice {
  const configured = sending?.out_of_office;
  const policy = schedule?.outOfOffice ?? (configured ? { policy: configured.policy, pauseDays: configured.pause_days } : DEFAULT_OUT_OF_OFFICE);
  return { ...policy, delayDivisor };
}
