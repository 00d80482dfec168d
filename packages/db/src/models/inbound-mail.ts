import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { addressSchema } from '../schema-parts';

/**
 * Every inbound webhook delivery, matched to a conversation or not. `dedupeKey` is the
 * Message-ID header, or the sha256 of the raw mail when the header is missing.
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
  },
  { timestamps: true },
);

export const InboundMail = model('InboundMail', inboundMailSchema);
export type InboundMailDoc = InferSchemaType<typeof inboundMailSchema> & { _id: Types.ObjectId };
