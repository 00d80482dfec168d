import { InferSchemaType, Schema, Types, model } from 'mongoose';

export const organizationSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
  },
  { timestamps: true },
);

export const Organization = model('Organization', organizationSchema);
export type OrganizationDoc = InferSchemaType<typeof organizationSchema> & { _id: Types.ObjectId };
