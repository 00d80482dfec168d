import { InferSchemaType, Schema, model } from 'mongoose';

/**
 * A reply whose sequence has not been told yet: written before the signal, deleted once Temporal
 * took it (or there was no sequence to tell). Ingest's outbox re-sends what is left after an
 * outage, so a reply accepted while Temporal was down still ends its sequence as `replied`.
 * Live state only: the collection holds just the signals in flight.
 */
export const pendingReplySignalSchema = new Schema(
  {
    /** `<workflow id> <reply Message-ID>`: one entry per reply and sequence. */
    _id: { type: String, required: true },
    organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
    messageId: { type: String, required: true },
    from: { type: String },
    receivedAt: { type: Date, required: true },
    /** Only a run started before this instant is told (a resumed delivery must not stop a newer sequence). */
    startedBefore: { type: Date },
    attempts: { type: Number, default: 0 },
    lastError: { type: String },
  },
  { timestamps: true },
);

export const PendingReplySignal = model('PendingReplySignal', pendingReplySignalSchema);
export type PendingReplySignalDoc = InferSchemaType<typeof pendingReplySignalSchema>;
