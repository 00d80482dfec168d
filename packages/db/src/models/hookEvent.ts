import { InferSchemaType, Schema, model } from 'mongoose';
import { organizationRef } from '../schemaParts';
import { HOOK_EVENT_TYPES } from './hook';

/**
 * One event for integrations. `_id` is derived from what caused it (`evt_<hash>`), so emitting
 * the same event twice inserts nothing new; `body` is the exact JSON every attempt sends.
 */
export const hookEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    organization: organizationRef,
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
    type: { type: String, enum: HOOK_EVENT_TYPES, required: true },
    body: { type: String, required: true },
  },
  { timestamps: true },
);

export const HookEvent = model('HookEvent', hookEventSchema);
export type HookEventDoc = InferSchemaType<typeof hookEventSchema> & { _id: string; createdAt: Date };
