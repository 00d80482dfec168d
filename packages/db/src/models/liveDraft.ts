import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { organizationKey } from '../schemaParts';
import { DRAFT_KINDS } from './draftStatus';

/**
 * The statuses a draft is live in: it may still be sent (an `unknown` one may be resent once), so a
 * reply, a stop or a suppression must find it. The others (sent, discarded, failed) are final.
 */
export const LIVE_STATUSES = ['scheduled', 'sending', 'unknown', 'resending'] as const;
export const isLiveStatus = (status: unknown) =>
  status === undefined || (LIVE_STATUSES as readonly unknown[]).includes(status);

/**
 * One entry per draft that may still be sent (`_id` = the draft's). The hot paths (reply discard,
 * the wait for claimed drafts, suppression, stop) read this small collection instead of scanning
 * every draft ever written: FerretDB has no index, so the Draft collection costs what history holds.
 * Maintained by Draft's middleware (draft.ts): written before the draft is inserted, removed after the
 * draft moved to a final state. It may hold a stale entry after a crash (a superset, never a subset):
 * readers confirm on the Draft itself (status, through the transition lock), so it holds no status.
 * Entries written before `rule`/`step`/`sender` existed lack them: their counting reads the draft.
 */
export const liveDraftSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    organization: organizationKey,
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
    kind: { type: String, enum: DRAFT_KINDS, required: true },
    autoFollowup: { type: Boolean, default: false },
    /** What a follow-up's discard counts on (analytics/draftMove.ts), so that the reply path reads no draft. */
    rule: { type: Schema.Types.ObjectId, ref: 'Rule' },
    step: { type: Number },
    /** The follow-up's trigger's From address: the sequence's sender. */
    sender: { type: String },
  },
  { timestamps: true },
);
liveDraftSchema.index({ organization: 1, conversation: 1 });
// A reply to a reply address knows its conversation before its organization (ingest inboundMail/match.ts).
liveDraftSchema.index({ conversation: 1 });

export const LiveDraft = model('LiveDraft', liveDraftSchema);
export type LiveDraftDoc = InferSchemaType<typeof liveDraftSchema> & { _id: Types.ObjectId };
