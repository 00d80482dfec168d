import { InferSchemaType, Schema, model } from 'mongoose';

/**
 * One SendGrid Event Webhook event, keyed by its `sg_event_id`: the unique `_id` insert makes a
 * repeated delivery a no-op. `applied` is set once its effects are done, so a batch that failed
 * half-way is finished when SendGrid posts it again. Unmatched events are kept too.
 */
export const deliveryEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    event: { type: String, required: true },
    email: { type: String, lowercase: true, trim: true },
    /** bounce: `bounce` (hard) or `blocked` (soft). */
    type: { type: String },
    bounceClassification: { type: String },
    reason: { type: String },
    sgMessageId: { type: String },
    organization: { type: Schema.Types.ObjectId, ref: 'Organization' },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation' },
    message: { type: Schema.Types.ObjectId, ref: 'Message' },
    draft: { type: Schema.Types.ObjectId, ref: 'Draft' },
    /** When SendGrid saw it (its `timestamp`). */
    at: { type: Date, required: true },
    applied: { type: Boolean, required: true, default: false },
  },
  { timestamps: true },
);
// The soft bounces in a row of one address.
deliveryEventSchema.index({ organization: 1, email: 1, at: -1 });
// Settling an `unknown` delivery: its own events, and whether any event came since it went in flight.
deliveryEventSchema.index({ draft: 1 });
deliveryEventSchema.index({ at: 1 });

export const DeliveryEvent = model('DeliveryEvent', deliveryEventSchema);
export type DeliveryEventDoc = InferSchemaType<typeof deliveryEventSchema> & { _id: string };
