import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { attachedFilesField, organizationKey } from '../schemaParts';

/**
 * A draft saved through `POST /v1/drafts` without `send`/`send_at` (Missive's default): the
 * request as given (its files stored apart, under this id), sent only when asked. It is not a
 * Draft: nothing schedules, claims or runs rules on it until it is sent.
 */
export const savedDraftSchema = new Schema(
  {
    organization: organizationKey,
    /** The validated `drafts` object of the request, without `attachments`. */
    request: { type: Schema.Types.Mixed, required: true },
    /** The conversation it will be appended to, when the request named one (or its references did). */
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation' },
    attachments: attachedFilesField,
  },
  { timestamps: true, minimize: false },
);

export const SavedDraft = model('SavedDraft', savedDraftSchema);
export type SavedDraftDoc = InferSchemaType<typeof savedDraftSchema> & { _id: Types.ObjectId; createdAt: Date };
