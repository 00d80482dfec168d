export const HOOK_EVENT_TYPES = ['incoming_email', 'followup_sent', 'followup_failed', 'sequence_ended'] as const;
export type HookEventType = (typeof HOOK_EVENT_TYPES)[number];

export const HOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type HookDeliveryStatus = (typeof HOOK_DELIVERY_STATUSES)[number];
