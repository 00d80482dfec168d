import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { organizationKey } from '../schemaParts';
import { HOOK_EVENT_TYPES } from './hook';
import { HOOK_DELIVERY_STATUSES } from '@follow-ups/vocabulary';

export { HOOK_DELIVERY_STATUSES };
export type HookDeliveryStatus = (typeof HOOK_DELIVERY_STATUSES)[number];

const attemptSchema = new Schema(
  {
    attempt: { type: Number, required: true },
    at: { type: Date, required: true },
    statusCode: { type: Number },
    error: { type: String },
    durationMs: { type: Number, required: true },
  },
  { _id: false },
);

/**
 * One event for one hook, `_id` = `<event>.<hook>`: read by `_id` on the hot path, so one
 * (event, hook) pair has one record however often it is emitted. Every attempt is kept.
 */
export const hookDeliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    organization: organizationKey,
    hook: { type: Schema.Types.ObjectId, ref: 'Hook', required: true },
    event: { type: String, ref: 'HookEvent', required: true },
    type: { type: String, enum: HOOK_EVENT_TYPES, required: true },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
    status: { type: String, enum: HOOK_DELIVERY_STATUSES, required: true, default: 'pending' },
    reason: { type: String },
    attempts: { type: [attemptSchema], default: [] },
    deliveredAt: { type: Date },
  },
  { timestamps: true },
);
hookDeliverySchema.index({ organization: 1, hook: 1, createdAt: -1 });

export const HookDelivery = model('HookDelivery', hookDeliverySchema);
export type HookDeliveryDoc = InferSchemaType<typeof hookDeliverySchema> & { _id: string; createdAt: Date };

/** The delivery record of `eventId` to `hookId`. */
export const hookDeliveryId = (eventId: string, hookId: string | Types.ObjectId) => `${eventId}.${String(hookId)}`;
