// @follow-ups/events: signed, durable, ordered event webhooks for integrations (Standard Webhooks).
export { emitEvent, type EmitEventInput, type EmitEventOptions } from './emitEvent';
export { hooksOf } from './hookCache';
export { createEventActivities, type EventActivityDeps, type SequenceEventType } from './activities';
export { deliverHookEvent, abandonHookDelivery } from './deliverHookEvent';
export { hookEventId, newHookSecret } from './ids';
export { DEFAULT_HOOK_DELIVERIES_PER_ORGANIZATION } from './organizationSlots';
export { hookUrlProblem, type HookUrlOptions } from './hookUrl';
export { postToHook, checkedAddress, type HookRequest, type HookResponse, type Resolve } from './hookRequest';
export { isSpecialPurpose, addressAllowed, cidrList } from './specialAddresses';
export {
  DELIVERY_ERROR_CLASSES,
  publicDeliveryError,
  publicDeliveryReason,
  type DeliveryErrorClass,
} from './deliveryErrors';
export { hookWantsEvent } from './matchHooks';
export {
  deliveryPolicy,
  PRODUCTION_DELIVERY_POLICY,
  TEST_DELIVERY_POLICY,
  DELIVERY_TIMEOUT_MS,
  type DeliveryPolicy,
} from './policy';
