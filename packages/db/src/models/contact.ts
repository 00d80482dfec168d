import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { derivedObjectId } from '../derivedId';
import { organizationKey } from '../schemaParts';
import { bumpVersionOnWrite } from './organizationVersions';

/** A recipient the organization writes to: its time zone places the sending window. Read by `_id` (contactId). */
export const contactSchema = new Schema(
  {
    organization: organizationKey,
    address: { type: String, required: true, lowercase: true, trim: true },
    /** IANA zone ("Europe/Berlin"), validated where it enters. */
    timeZone: { type: String, trim: true },
  },
  { timestamps: true },
);
contactSchema.index({ organization: 1, address: 1 }, { unique: true });

/** The contact's `_id`, derived from organization + lower-cased address: found without a scan. */
export const contactId = (organization: string, address: string) =>
  derivedObjectId('contact', organization, address.trim().toLowerCase());

/** Sets a contact's time zone, creating the contact when it is new. */
export async function setContactTimeZone(
  organization: string,
  address: string,
  timeZone: string | null,
): Promise<void> {
  const update = timeZone ? { $set: { timeZone } } : { $unset: { timeZone: 1 } };
  // The filter names the organization: the write bumps its `contactsVersion` (and a new contact gets it).
  await Contact.updateOne(
    { _id: contactId(organization, address), organization },
    { ...update, $setOnInsert: { address: address.trim().toLowerCase() } },
    { upsert: true },
  );
}

// Ingest caches an organization's contact time zones (automation `recipientTimeZone`).
bumpVersionOnWrite(contactSchema, 'contactsVersion');
export const Contact = model('Contact', contactSchema);
export type ContactDoc = InferSchemaType<typeof contactSchema> & { _id: Types.ObjectId };
