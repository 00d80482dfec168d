import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { organizationKey } from '../schemaParts';

export const sharedLabelSchema = new Schema(
  {
    organization: organizationKey,
    name: { type: String, required: true, trim: true },
    color: { type: String, trim: true },
  },
  { timestamps: true },
);
sharedLabelSchema.index({ organization: 1, name: 1 }, { unique: true });

export const SharedLabel = model('SharedLabel', sharedLabelSchema);
export type SharedLabelDoc = InferSchemaType<typeof sharedLabelSchema> & { _id: Types.ObjectId };
