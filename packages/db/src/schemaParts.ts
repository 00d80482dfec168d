import { Schema } from 'mongoose';

/**
 * `organization` on every tenant-owned document. Indexed on its own unless the model has a
 * compound index that starts with `organization` (that index serves the same queries).
 */
export const organizationRef = {
  type: Schema.Types.ObjectId,
  ref: 'Organization',
  required: true,
  index: true,
} as const;

/** `organization` for models whose compound indexes already start with it. */
export const organizationKey = {
  type: Schema.Types.ObjectId,
  ref: 'Organization',
  required: true,
} as const;

/** An email address with an optional display name: `{ address, name? }`. */
export const addressSchema = new Schema(
  {
    address: { type: String, required: true, trim: true },
    name: { type: String, trim: true },
  },
  { _id: false },
);

/** The files a draft or canned response carries, as listed (their content is stored apart, under the owner's id). */
export const attachedFilesField = {
  type: [
    new Schema(
      {
        filename: { type: String, required: true },
        contentType: { type: String, required: true },
        size: { type: Number, required: true },
      },
      { _id: false },
    ),
  ],
  default: [],
};
