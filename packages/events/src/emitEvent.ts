import type { Client } from '@temporalio/client';
import {
  hookEventDataSchemas,
  type HookEventData,
  type HookEventPayload,
  type HookEventType,
} from '@follow-ups/contract';
import { HookDelivery, HookEvent, hookDeliveryId, isDuplicateKeyError, type HookDoc } from '@follow-ups/db';
import {
  hookDeliveryTaskQueue,
  hookEventSignal,
  searchAttributes as keys,
  workflowTypes,
  type deliverEvents,
} from '@follow-ups/workflows';
import { hookDeliveryWorkflowId } from '@follow-ups/domain';
import { hooksOf } from './hookCache';
import { hookEventId } from './ids';
import { hookWantsEvent } from './matchHooks';
import { deliveryPolicy, type DeliveryPolicy } from './policy';

export type EmitEventInput<T extends HookEventType = HookEventType> = {
  organizationId: string;
  conversationId: string;
  type: T;
  data: HookEventData[T];
  /** Stable id of what caused the event, e.g. `incoming_email:<Message-ID>`: emitting it again changes nothing. */
  id: string;
  /** When it happened (default: now); part of the payload. */
  occurredAt?: Date;
};

export type EmitEventOptions = {
  /** Retry policy of new delivery workflows (default production; `deliveryPolicy(true)` in tests). */
  policy?: DeliveryPolicy;
  /** The organization's `hooksVersion` as the caller just read it: its hooks are then looked up in a cache (hookCache.ts). */
  hooksVersion?: number;
  /** The organization's hooks of the event's type, oldest first, when the caller read them already: spares the read. */
  hooks?: HookDoc[];
};

/**
 * Queues an event for the organization's hooks of its type: records the event (its exact JSON
 * body) and one pending delivery per hook, then signals the conversation's delivery workflow,
 * starting it if needed; its deliveries run on the hooks task queue (`hookDeliveryTaskQueue`). Idempotent per `id`; safe to call again after a failure. Starts nothing
 * when no hook wants the event. Throws when `data` does not match the type's schema and a hook of the type exists
 * (with none, nothing is stored or sent, and the check is spared).
 */
export async function emitEvent<T extends HookEventType>(
  client: Client,
  taskQueue: string,
  input: EmitEventInput<T>,
  options: EmitEventOptions = {},
): Promise<{ eventId: string; hookIds: string[] }> {
  const eventId = hookEventId(input.organizationId, input.id);
  const ofType = options.hooks ?? (await hooksOf(input.organizationId, input.type, options.hooksVersion));
  if (!ofType.length) return { eventId, hookIds: [] }; // no schema check for nobody: ~1% of a follow-up's CPU
  const data = hookEventDataSchemas[input.type].parse(input.data) as HookEventData[T];
  const hooks = ofType.filter((hook) => hookWantsEvent(hook, input.conversationId, data));
  if (!hooks.length) return { eventId, hookIds: [] };

  const payload = {
    id: eventId,
    type: input.type,
    timestamp: (input.occurredAt ?? new Date()).toISOString(),
    organization: input.organizationId,
    conversation: input.conversationId,
    data,
  } as HookEventPayload;
  await insertOnce(() =>
    HookEvent.create({
      _id: eventId,
      organization: input.organizationId,
      conversation: input.conversationId,
      type: input.type,
      body: JSON.stringify(payload),
    }),
  );
  for (const hook of hooks) {
    await insertOnce(() =>
      HookDelivery.create({
        _id: hookDeliveryId(eventId, hook._id),
        organization: input.organizationId,
        hook: hook._id,
        event: eventId,
        type: input.type,
        conversation: input.conversationId,
      }),
    );
  }

  const hookIds = hooks.map((hook) => String(hook._id));
  await client.workflow.signalWithStart<typeof deliverEvents, [{ eventId: string; hookIds: string[] }]>(
    workflowTypes.deliverEvents,
    {
      taskQueue,
      workflowId: hookDeliveryWorkflowId(input.organizationId, input.conversationId),
      args: [
        {
          version: 1,
          organizationId: input.organizationId,
          conversationId: input.conversationId,
          policy: options.policy ?? deliveryPolicy(),
          deliveryTaskQueue: hookDeliveryTaskQueue(taskQueue),
        },
      ],
      signal: hookEventSignal,
      signalArgs: [{ eventId, hookIds }],
      staticSummary: `event deliveries of conversation ${input.conversationId}`,
      typedSearchAttributes: [
        { key: keys.organization, value: input.organizationId },
        { key: keys.conversation, value: input.conversationId },
      ],
    },
  );
  return { eventId, hookIds };
}

/** Runs an insert; a document with the same `_id` already there is fine (a repeated emit keeps the first). */
async function insertOnce(insert: () => Promise<unknown>): Promise<void> {
  try {
    await insert();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}
