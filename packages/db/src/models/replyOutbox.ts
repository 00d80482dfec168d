import { InferSchemaType, Schema, model } from 'mongoose';

export const REPLY_OUTBOX_KINDS = ['signal', 'forward', 'out_of_office'] as const;

/**
 * Work a received mail still owes Temporal: telling its sequence (`signal`), starting its
 * forward (`forward`), passing an out-of-office reply to its sequence (`out_of_office`). Written before the call, deleted once Temporal took it (or there was
 * nothing to tell). Ingest's outbox re-sends what is left after an outage, so a reply accepted
 * while Temporal was down still ends its sequence as `replied` and still reaches the salesperson.
 * Live state only: the collection holds just the work in flight.
 */
export const replyOutboxSchema = new Schema(
  {
    /** `signal|out_of_office <sequence id> <reply Message-ID>` or `forward <forward workflow id>`: one entry per piece of work. */
    _id: { type: String, required: true },
    kind: { type: String, enum: REPLY_OUTBOX_KINDS, required: true },
    organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
    /** The received mail's Message-ID header. */
    messageId: { type: String, required: true },
    from: { type: String },
    receivedAt: { type: Date, required: true },
    /** Only a run started before this instant is told (a resumed delivery must not stop a newer sequence). */
    startedBefore: { type: Date },
    /** `out_of_office`: the local date (YYYY-MM-DD) the person said they are back, when they named one. */
    returnDate: { type: String },
    attempts: { type: Number, default: 0 },
    lastError: { type: String },
  },
  { timestamps: true },
);

export const ReplyOutbox = model('ReplyOutbox', replyOutboxSchema);
export type ReplyOutboxDoc = InferSchemaType<typeof replyOutboxSchema>;
