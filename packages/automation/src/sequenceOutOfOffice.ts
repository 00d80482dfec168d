import type { Sending } from '@follow-ups/contract';
import { DEFAULT_OUT_OF_OFFICE } from '@follow-ups/domain';
import type { SequenceOutOfOffice, SequenceSchedule } from '@follow-ups/workflows';

/**
 * Every sequence's out-of-office policy, window or not: the schedule's, else the `sending` at hand
 * (the rule's, else the organization's when the caller holds its settings), else the default pause
 * of 7 days (its end is computed, and compressed for demos, by the activity that plans the pause).
 */
export function sequenceOutOfOffice(schedule: SequenceSchedule | null, sending: Sending | null): SequenceOutOfOffice {
  const configured = sending?.out_of_office;
  const policy =
    schedule?.outOfOffice ??
    (configured ? { policy: configured.policy, pauseDays: configured.pause_days } : DEFAULT_OUT_OF_OFFICE);
  return policy;
}
