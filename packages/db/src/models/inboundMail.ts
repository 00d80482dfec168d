import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { addressSchema } from '../schemaParts';
import { droppedFileSchema } from './inboundAttachmentList';
import { mailAuthenticationSchema } from './mailAuthentication';

/**
 * Every inbound webhook delivery, matched to a conversation or not. `dedupeKey` is the
 * Message-ID header, or the sha256 of the raw mail when the header is missing (always the sha256
 * for a mail that could not be parsed: `unparseable` says why, and `reason` why it matched nothing).
 */
export const inboundMailSchema = new Schema(
  {
    dedupeKey: { type: String, required: true, unique: true },
    matched: { type: Boolean, required: true },
    organization: { type: Schema.Types.ObjectId, ref: 'Organization' },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation' },
    from: { type: addressSchema },
    to: { type: [addressSchema], default: [] },
    subject: { type: String, default: '' },
    receivedAt: { type: Date, required: true, default: Date.now },
    reason: { type: String },
    unparseable: { type: String },
    /** Attachments not kept (over the per-mail bounds); the mail itself is recorded all the same. */
    droppedAttachments: { type: [droppedFileSchema], default: undefined },
    /** SendGrid's SPF/DKIM results and the verdict on the From domain. */
    authentication: { type: mailAuthenticationSchema },
    /** The text or HTML body was longer than what a Message keeps, and was cut. */
    bodyTruncated: { type: Boolean },
  },
  { timestamps: true },
);

export const InboundMail = model('InboundMail', inboundMailSchema);
export type InboundMailDoc = InferSchemaType<typeof inboundMailSchema> & { _id: Types.ObjectId };
