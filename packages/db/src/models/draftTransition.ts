import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { organizationRef } from '../schemaParts';
import { DRAFT_STATUSES } from './draftStatus';

/**
 * The record that decides a draft's move out of a state. Its unique (draft, from) index is
 * the lock: of two concurrent moves out of `scheduled` (claim vs claim, claim vs discard)
 * exactly one insert succeeds. FerretDB runs `updateOne({ _id, status }, …)` as read-then-
 * overwrite, so a status filter alone lets several writers "win"; a unique insert does not.
 * The rows double as the draft's audit trail, but for the send's own `sending → sent`: its insert of
 * the sent Message decides that move, and the Message is its record (`markDraftSent` in draftMoves.ts).
 */
export const draftTransitionSchema = new Schema(
  {
    organization: organizationRef,
    draft: { type: Schema.Types.ObjectId, ref: 'Draft', required: true },
    from: { type: String, enum: DRAFT_STATUSES, required: true },
    to: { type: String, enum: DRAFT_STATUSES, required: true },
    reason: { type: String },
    sentMessage: { type: Schema.Types.ObjectId, ref: 'Message' },
    /** A claim's in-flight mark (scheduled → sending), written onto the draft by whoever applies the move. */
    inFlightSince: { type: Date },
    at: { type: Date, required: true },
  },
  { timestamps: true },
);
draftTransitionSchema.index({ draft: 1, from: 1 }, { unique: true });

export const DraftTransition = model('DraftTransition', draftTransitionSchema);
export type DraftTransitionDoc = InferSchemaType<typeof draftTransitionSchema> & {
  _id: Types.ObjectId;
};
