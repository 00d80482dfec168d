import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { organizationKey } from '../schema-parts';

/** A sender: the salesperson whose outgoing mail the rules look at. */
export const userSchema = new Schema(
  {
    organization: organizationKey,
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, trim: true },
    first_name: { type: String, trim: true },
    last_name: { type: String, trim: true },
    /** IANA zone of the sender: windows are read in it when the recipient has none. */
    timeZone: { type: String, trim: true },
  },
  { timestamps: true },
);
userSchema.index({ organization: 1, email: 1 }, { unique: true });

export const User = model('User', userSchema);
export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
