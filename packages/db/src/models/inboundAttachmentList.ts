import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { organizationKey } from '../schemaParts';

const storedFileSchema = new Schema(
  {
    filename: { type: String, required: true },
    contentType: { type: String, required: true },
    /** Where the file starts in the message's chunks, end to end. */
    offset: { type: Number, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    /** `Content-ID` without brackets, for `cid:` references in the HTML body. */
    contentId: { type: String },
    inline: { type: Boolean, default: false },
  },
  { _id: false },
);

export const droppedFileSchema = new Schema(
  {
    filename: { type: String, default: '' },
    contentType: { type: String, default: '' },
    size: { type: Number, default: 0 },
    reason: { type: String, required: true },
  },
  { _id: false },
);

/**
 * The attachments of one received Message, `_id` = the Message's `_id`. Written after all their
 * chunks and before the Message: a Message that exists has its attachments complete. `dropped`
 * lists those not kept (over the per-mail bounds), so that a forward can say so.
 */
export const inboundAttachmentListSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    organization: organizationKey,
    files: { type: [storedFileSchema], default: [] },
    /** How many InboundAttachmentChunk documents hold the files. */
    chunks: { type: Number, required: true },
    dropped: { type: [droppedFileSchema], default: [] },
  },
  { timestamps: true, versionKey: false },
);

export const InboundAttachmentList = model('InboundAttachmentList', inboundAttachmentListSchema);
export type InboundAttachmentListDoc = InferSchemaType<typeof inboundAttachmentListSchema> & { _id: Types.ObjectId };
export type DroppedAttachment = { filename: string; contentType: string; size: number; reason: string };
