import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { organizationRef } from '../schemaParts';

export const teamSchema = new Schema(
  {
    organization: organizationRef,
    name: { type: String, required: true, trim: true },
  },
  { timestamps: true },
);

export const Team = model('Team', teamSchema);
export type TeamDoc = InferSchemaType<typeof teamSchema> & { _id: Types.ObjectId };
