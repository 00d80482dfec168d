import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { organizationKey } from '../schemaParts';

/** `<organization>:<domain>`: the check before a send reads it by `_id` (fast on FerretDB). */
export const senderDomainKey = (organization: Types.ObjectId | string, domain: string) =>
  `${String(organization)}:${domain.trim().toLowerCase()}`;

/**
 * A mail domain the operator assigned to an organization (`npm run admin -- domain add`): its
 * tokens may send from any address in it. Tenants cannot write these. One organization per domain
 * unless the operator shares it on purpose (`--shared`).
 */
export const senderDomainSchema = new Schema(
  {
    _id: { type: String, required: true },
    organization: organizationKey,
    domain: { type: String, required: true, lowercase: true, trim: true },
  },
  { timestamps: true },
);
senderDomainSchema.index({ organization: 1, domain: 1 });
senderDomainSchema.index({ domain: 1 });

export type SenderDomainDoc = InferSchemaType<typeof senderDomainSchema> & { _id: string };

export const SenderDomain = model('SenderDomain', senderDomainSchema);
