import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { addressSchema, organizationRef } from '../schemaParts';

export const conversationSchema = new Schema(
  {
    organization: organizationRef,
    subject: { type: String, default: '' },
    team: { type: Schema.Types.ObjectId, ref: 'Team' },
    labels: { type: [{ type: Schema.Types.ObjectId, ref: 'SharedLabel' }], default: [] },
    participants: { type: [addressSchema], default: [] },
    lastActivityAt: { type: Date, required: true, default: Date.now },
    repliedAt: { type: Date },
    /** Closed by a draft's `close: true`. */
    closedAt: { type: Date },
    /** The Message-IDs of its mails in the order they were recorded: the References of the next one. */
    thread: { type: [String], default: undefined },
    /** `thread` holds every mail (conversations created since it is kept); older ones read their messages. */
    threadKept: { type: Boolean },
    /**
     * Its current sequence as analytics count it (analytics/sequence.ts): rule, sender, trigger, the last
     * step sent (0 = the trigger) and when. Written by the writes a trigger, a follow-up and a reply make
     * anyway; sequences counted before it was kept here have an AnalyticsSequence row instead.
     */
    counting: {
      type: new Schema(
        { rule: String, sender: String, trigger: String, step: Number, sentAt: Date, start: String },
        { _id: false },
      ),
      default: undefined,
    },
  },
  { timestamps: true },
);

export const Conversation = model('Conversation', conversationSchema);
export type ConversationDoc = InferSchemaType<typeof conversationSchema> & { _id: Types.ObjectId };
