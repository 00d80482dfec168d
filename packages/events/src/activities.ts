import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { HookEventType } from '@follow-ups/contract';
import { abandonHookDelivery, deliverHookEvent } from './deliverHookEvent';
import { emitEvent, type EmitEventInput } from './emitEvent';
import { deliveryPolicy } from './policy';
import { cidrList } from './specialAddresses';
import { DEFAULT_HOOK_DELIVERIES_PER_ORGANIZATION, takeOrganizationSlot } from './organizationSlots';
import type { HookDeliveryOutcome, HookDeliveryRef } from '@follow-ups/workflows';

export type EventActivityDeps = {
  /** Where delivery workflows start; without it `emitSequenceEvent` fails (non-retryable). */
  temporal?: { client: Client; taskQueue: string };
  /** Deliveries retried in seconds, http receivers allowed (tests, demos). */
  hooksTestMode?: boolean;
  /** Special-purpose CIDRs hooks may still reach (`HOOKS_ALLOWED_PRIVATE_CIDRS`); none by default. */
  hooksAllowedPrivateCidrs?: readonly string[];
  /** Deliveries of one organization under way at once in this process (`HOOKS_MAX_CONCURRENT_PER_ORGANIZATION`). */
  hookDeliveriesPerOrganization?: number;
};

export type SequenceEventType = Extract<HookEventType, 'followup_sent' | 'followup_failed' | 'sequence_ended'>;

/** The activities of event delivery, spread into the worker's activity factory. */
export function createEventActivities(deps: EventActivityDeps) {
  const policy = { allowInsecure: deps.hooksTestMode, allowedPrivate: cidrList(deps.hooksAllowedPrivateCidrs ?? []) };
  return {
    /** On the hooks task queue; `busy` without an attempt when the organization's slots are taken. */
    async deliverHookEvent(ref: HookDeliveryRef): Promise<HookDeliveryOutcome> {
      const release = takeOrganizationSlot(
        ref.organizationId,
        deps.hookDeliveriesPerOrganization ?? DEFAULT_HOOK_DELIVERIES_PER_ORGANIZATION,
      );
      if (!release) return 'busy';
      try {
        return await deliverHookEvent(ref, { policy });
      } finally {
        release();
      }
    },
    abandonHookDelivery,
    /** For the sequence workflow: raises `followup_sent`, `followup_failed` or `sequence_ended`. */
    async emitSequenceEvent<T extends SequenceEventType>(
      input: EmitEventInput<T>,
    ): Promise<{ eventId: string; hookIds: string[] }> {
      if (!deps.temporal)
        throw ApplicationFailure.nonRetryable('the worker has no Temporal client for events', 'misconfigured');
      return emitEvent(deps.temporal.client, deps.temporal.taskQueue, input, {
        policy: deliveryPolicy(deps.hooksTestMode),
      });
    },
  };
}
