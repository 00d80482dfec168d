import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { organizationKey } from '../schemaParts';
import { bumpVersionOnWrite } from './organizationVersions';

/** A sender: the salesperson whose outgoing mail the rules look at. */
export const userSchema = new Schema(
  {
    organization: organizationKey,
    email: { type: String, required: true, lowercase: true, trim: true },
    name: { type: String, trim: true },
    first_name: { type: String, trim: true },
    last_name: { type: String, trim: true },
    /** Other addresses the person sends from (aliases); the rules and the composer know them by any. */
    addresses: { type: [{ type: String, lowercase: true, trim: true }], default: undefined },
    /** HTML the follow-ups end with (`{{ user.signature }}`). */
    signature: { type: String },
    /** IANA time zone, e.g. Europe/Paris. */
    time_zone: { type: String },
    /**
     * The user's primary team (one of the organization's): the team of the conversations their own
     * mailbox mail starts (docs/mail-from-any-mailbox.md), so a rule's "Team is" sees it.
     */
    team: { type: Schema.Types.ObjectId, ref: 'Team' },
  },
  { timestamps: true },
);
userSchema.index({ organization: 1, email: 1 }, { unique: true });
bumpVersionOnWrite(userSchema, 'usersVersion');

export const User = model('User', userSchema);
export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
