import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { attachedFilesField, organizationRef } from '../schemaParts';
import { bumpVersionOnWrite } from './organizationVersions';

/** A canned response; `subject` and `body` are Liquid templates. */
export const responseSchema = new Schema(
  {
    organization: organizationRef,
    title: { type: String, required: true, trim: true },
    subject: { type: String },
    body: { type: String, required: true },
    /** Its files (stored apart, under this response's id), sent with every follow-up that uses it. */
    attachments: attachedFilesField,
  },
  { timestamps: true },
);

bumpVersionOnWrite(responseSchema, 'responsesVersion');

export const Response = model('Response', responseSchema);
export type ResponseDoc = InferSchemaType<typeof responseSchema> & { _id: Types.ObjectId };
