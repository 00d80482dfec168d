import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { organizationKey } from '../schemaParts';
import { HOOK_EVENT_TYPES } from '@follow-ups/vocabulary';
import { bumpVersionOnWrite } from './organizationVersions';

export { HOOK_EVENT_TYPES };

/**
 * A webhook subscription: events of `type` go to `url`, signed with `secret` (Standard Webhooks,
 * `whsec_<base64>`). The secret has to be kept readable to sign; the API shows it only at creation.
 */
export const hookSchema = new Schema(
  {
    organization: organizationKey,
    type: { type: String, enum: HOOK_EVENT_TYPES, required: true },
    url: { type: String, required: true },
    secret: { type: String, required: true },
    filters: {
      conversations: { type: [Schema.Types.ObjectId], default: undefined },
      rules: { type: [Schema.Types.ObjectId], default: undefined },
    },
  },
  { timestamps: true },
);
hookSchema.index({ organization: 1, type: 1 });
bumpVersionOnWrite(hookSchema, 'hooksVersion');

export const Hook = model('Hook', hookSchema);
export type HookDoc = InferSchemaType<typeof hookSchema> & { _id: Types.ObjectId; createdAt: Date };
