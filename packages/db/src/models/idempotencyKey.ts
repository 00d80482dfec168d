import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { organizationKey } from '../schemaParts';

/**
 * One `Idempotency-Key` of `POST /v1/drafts`: the unique (organization, key) insert lets exactly one
 * request through; the stored answer is replayed to its retries.
 */
export const idempotencyKeySchema = new Schema(
  {
    organization: organizationKey,
    key: { type: String, required: true },
    /** sha256 of the request body: the same key with another body is a client error. */
    requestHash: { type: String, required: true },
    /** The 201 body, once the first request has finished. */
    response: { type: Schema.Types.Mixed },
  },
  { timestamps: true },
);
idempotencyKeySchema.index({ organization: 1, key: 1 }, { unique: true });

export const IdempotencyKey = model('IdempotencyKey', idempotencyKeySchema);
export type IdempotencyKeyDoc = InferSchemaType<typeof idempotencyKeySchema> & { _id: Types.ObjectId };
