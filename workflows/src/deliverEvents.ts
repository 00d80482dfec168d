import {
  ActivityFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { HookDeliveryActivities } from './activities';
import { activityOptions } from './activityOptions';
import {
  hookEventSignal,
  type DeliverEventsInput,
  type DeliverEventsResult,
  type HookDeliveryRef,
} from './hookDefinitions';

type Activities = HookDeliveryActivities;

/** How long a run waits for more events after its last delivery before it completes. */
const IDLE_MS = 10 * 60_000;
/** Longest wait before asking again while the organization's delivery slots are all taken. */
const BUSY_MAX_MS = 60_000;

/**
 * One per (organization, conversation): delivers the conversation's events to each subscribed
 * hook in the order they were emitted. Each hook has its own queue, so a receiver that is down
 * holds back only its own events; each delivery is an activity retried with exponential backoff
 * (`input.policy`) and, once every attempt failed, recorded as failed before the next one goes.
 */
export async function deliverEvents(input: DeliverEventsInput): Promise<DeliverEventsResult> {
  const { policy } = input;
  const deliveryOptions = {
    startToCloseTimeout: '1 minute',
    retry: {
      initialInterval: policy.initialIntervalMs,
      backoffCoefficient: policy.backoffCoefficient,
      maximumInterval: policy.maximumIntervalMs,
      maximumAttempts: policy.maximumAttempts,
    },
  } as const;
  const bookkeeping = proxyActivities<Activities>(activityOptions);

  const queues = new Map<string, string[]>(); // hook id → event ids, in emission order
  const seen = new Set<string>();
  const running = new Map<string, Promise<void>>();
  const result: DeliverEventsResult = { delivered: 0, failed: 0 };
  let draining = false; // finishing in-flight deliveries before continue-as-new
  let fatal: unknown = null;

  const enqueue = (eventId: string, hookId: string) => {
    const key = `${eventId}.${hookId}`;
    if (seen.has(key)) return;
    seen.add(key);
    const queue = queues.get(hookId);
    if (queue) queue.push(eventId);
    else queues.set(hookId, [eventId]);
  };
  setHandler(hookEventSignal, ({ eventId, hookIds }) => hookIds.forEach((hookId) => enqueue(eventId, hookId)));
  for (const item of input.pending ?? []) enqueue(item.eventId, item.hookId);

  const summary = (ref: HookDeliveryRef) => `deliver ${ref.eventId} to hook ${ref.hookId}`;
  const deliverOn = (ref: HookDeliveryRef) =>
    proxyActivities<Activities>({
      ...deliveryOptions,
      taskQueue: input.deliveryTaskQueue,
      summary: summary(ref),
    }).deliverHookEvent(ref);

  /** Delivers one event (or records it failed); false when it was left for the next run (busy while draining). */
  async function deliverOne(ref: HookDeliveryRef): Promise<boolean> {
    try {
      for (let wait = policy.initialIntervalMs; ; wait = Math.min(wait * 2, BUSY_MAX_MS)) {
        const outcome = await deliverOn(ref);
        if (outcome === 'delivered') result.delivered++;
        if (outcome !== 'busy') return true;
        if (draining) return false;
        await sleep(wait);
      }
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      result.failed++;
      const reason = `gave up after ${policy.maximumAttempts} attempts: ${error.cause?.message ?? error.message}`;
      await bookkeeping.abandonHookDelivery({ ...ref, reason });
      return true;
    }
  }

  async function drain(hookId: string): Promise<void> {
    const queue = queues.get(hookId) ?? [];
    try {
      for (let eventId = queue[0]; eventId !== undefined && !draining; eventId = queue[0]) {
        if (!(await deliverOne({ organizationId: input.organizationId, hookId, eventId }))) break;
        queue.shift();
      }
    } catch (error) {
      fatal ??= error;
    }
  }

  const waiting = () =>
    [...queues].filter(([hookId, queue]) => queue.length > 0 && !running.has(hookId)).map(([hookId]) => hookId);

  for (;;) {
    if (fatal) throw fatal;
    if (workflowInfo().continueAsNewSuggested) draining = true;
    if (!draining)
      for (const hookId of waiting())
        running.set(
          hookId,
          drain(hookId).finally(() => running.delete(hookId)),
        );
    if (running.size === 0) {
      if (draining) {
        const pending = [...queues].flatMap(([hookId, queue]) => queue.map((eventId) => ({ eventId, hookId })));
        return continueAsNew<typeof deliverEvents>({ ...input, pending });
      }
      if (!(await condition(() => waiting().length > 0, IDLE_MS))) break;
      continue;
    }
    await condition(
      () =>
        fatal !== null ||
        running.size === 0 ||
        (!draining && (waiting().length > 0 || workflowInfo().continueAsNewSuggested)),
    );
  }
  log.info('event deliveries idle, completing', { ...result });
  return result;
}
