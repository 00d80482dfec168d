import { InferSchemaType, Schema, model } from 'mongoose';
import { organizationKey } from '../schemaParts';

/**
 * One piece of a received Message's attachments, stored end to end. Documents are capped at
 * 16 MB (MongoDB and FerretDB), so content is cut into chunks. The `_id` is `<message>:<n>`: a
 * retried delivery rewrites the same ids (a duplicate insert is a no-op), and loading reads by
 * `_id`, the one filter FerretDB evaluates inside SQLite.
 */
export const inboundAttachmentChunkSchema = new Schema(
  {
    _id: { type: String, required: true },
    organization: organizationKey,
    message: { type: Schema.Types.ObjectId, ref: 'Message', required: true },
    n: { type: Number, required: true },
    data: { type: Buffer, required: true },
  },
  { versionKey: false },
);
inboundAttachmentChunkSchema.index({ organization: 1, message: 1 });

export const chunkId = (message: unknown, n: number) => `${String(message)}:${n}`;

export const InboundAttachmentChunk = model('InboundAttachmentChunk', inboundAttachmentChunkSchema);
export type InboundAttachmentChunkDoc = InferSchemaType<typeof inboundAttachmentChunkSchema>;
