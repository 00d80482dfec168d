import { InferSchemaType, Schema, Types, model } from 'mongoose';
import { addressSchema, organizationKey } from '../schemaParts';
import { DRAFT_KINDS, DRAFT_STATUSES, DraftStatus } from './draftStatus';
import { markDraftSent, moveDraft, moveKnownDraft } from './draftMoves';
import { syncLiveDrafts } from './liveDraftSync';
import { LiveDraft } from './liveDraft';

type Id = Types.ObjectId | string;

const draftContentSchema = new Schema(
  {
    subject: { type: String, default: '' },
    body: { type: String, required: true },
    /** The body as sent: plain text and HTML versions. */
    text: { type: String },
    html: { type: String },
    from: { type: addressSchema, required: true },
    to: { type: [addressSchema], default: [] },
    cc: { type: [addressSchema], default: [] },
    bcc: { type: [addressSchema], default: [] },
  },
  { _id: false },
);

/** A follow-up's copy of its initial email's addressing: the send reads no message (their collection grows with history). */
const triggerMailSchema = new Schema(
  {
    from: { type: addressSchema, required: true },
    to: { type: [addressSchema], default: [] },
    cc: { type: [addressSchema], default: [] },
    subject: { type: String, default: '' },
  },
  { _id: false },
);

/**
 * A mail waiting to be sent: an automatic follow-up (`followup`) or a scheduled send.
 * Status changes go through the statics below only; each returns whether this caller made it.
 */
export const draftSchema = new Schema(
  {
    organization: organizationKey,
    conversation: { type: Schema.Types.ObjectId, ref: 'Conversation', required: true },
    kind: { type: String, enum: DRAFT_KINDS, required: true },
    rule: { type: Schema.Types.ObjectId, ref: 'Rule' },
    /** The sent message whose rules scheduled this follow-up: a re-run of those rules reuses it. */
    triggerMessage: { type: Schema.Types.ObjectId, ref: 'Message' },
    triggerMail: { type: triggerMailSchema },
    response: { type: Schema.Types.ObjectId, ref: 'Response' },
    step: { type: Number },
    sendAt: { type: Date, required: true },
    /** Trigger + delay, when a sending window moved `sendAt`. */
    nominalSendAt: { type: Date },
    status: { type: String, enum: DRAFT_STATUSES, required: true, default: 'scheduled' },
    reason: { type: String },
    autoFollowup: { type: Boolean, default: false },
    /** Pre-assigned RFC 5322 Message-ID of the mail this draft becomes. */
    messageId: { type: String, required: true, trim: true },
    content: { type: draftContentSchema },
    sentMessage: { type: Schema.Types.ObjectId, ref: 'Message' },
    sentAt: { type: Date },
    /** Set just before the provider is called, cleared when it answered "not accepted": a retry
     * that finds it set cannot know whether the mail left, so it does not send again. */
    inFlightSince: { type: Date },
    /** The same for the one resend of an `unknown` delivery (docs/at-most-once.md). */
    resentAt: { type: Date },
    statusChangedAt: { type: Date, required: true, default: Date.now },
  },
  { timestamps: true },
);

/** The drafts a reply discards: follow-ups, and scheduled sends made with `auto_followup` (Missive). */
export const STOPPED_BY_REPLY = { $or: [{ kind: 'followup' }, { kind: 'scheduled_send', autoFollowup: true }] };
export const isStoppedByReply = (draft: { kind: string; autoFollowup?: boolean | null }) =>
  draft.kind === 'followup' || (draft.kind === 'scheduled_send' && draft.autoFollowup === true);

/** The draft as the caller read it (a whole one spares the read analytics make after a move). */
type KnownDraft = Parameters<typeof moveKnownDraft>[1];

const draftStatics = {
  /**
   * scheduled → sending. True for exactly one caller, however many race. `known`: the draft as the
   * caller just read it, which spares the read (the transition insert alone decides). `mark`: the
   * send's `inFlightSince`, written with the claim (and kept in its record, draftMoves.ts).
   */
  claimForSending(draftId: Id, known?: KnownDraft, mark?: { inFlightSince: Date }): Promise<boolean> {
    return known
      ? moveKnownDraft(Draft, known, 'scheduled', 'sending', mark ?? {})
      : moveDraft(Draft, { _id: draftId }, 'scheduled', 'sending');
  },
  /** sending → sent, recording the Message it became (`known`: as for `claimForSending`). */
  markSent(draftId: Id, messageObjectId: Id, known?: KnownDraft): Promise<boolean> {
    const extra = { sentMessage: new Types.ObjectId(String(messageObjectId)) };
    return known
      ? moveKnownDraft(Draft, known, 'sending', 'sent', extra)
      : moveDraft(Draft, { _id: draftId }, 'sending', 'sent', extra);
  },
  /**
   * sending → sent for the caller whose insert of the sent Message went in: that unique insert decided
   * the move, so it writes no transition record (`markDraftSent`). Anyone else (a retry that finds the
   * Message recorded) uses `markSent`. `known`: the draft as the caller holds it. The caller notes the
   * step sent with its write of the conversation (`noteStepSent`'s `also`, worker deliverDraft.ts).
   */
  markRecordedSent(known: KnownDraft, messageObjectId: Id): Promise<boolean> {
    return markDraftSent(Draft, known, new Types.ObjectId(String(messageObjectId)));
  },
  /** sending → failed, or scheduled → failed when it fails before being claimed. */
  async markFailed(draftId: Id, reason: string): Promise<boolean> {
    const froms: DraftStatus[] = ['sending', 'scheduled'];
    for (const from of froms) {
      if (await moveDraft(Draft, { _id: draftId }, from, 'failed', { reason })) return true;
    }
    return false;
  },
  /** sending → unknown: the provider call was interrupted, so the mail may or may not have left. */
  markUnknown(draftId: Id, reason: string): Promise<boolean> {
    return moveDraft(Draft, { _id: draftId }, 'sending', 'unknown', { reason });
  },
  /** unknown → sent: SendGrid's Event Webhook reported the mail, so it did reach SendGrid. A resend
   * under way is left to finish: its outcome, not the event, settles it (the reply fence waits on it). */
  confirmReceived(draftId: Id, reason: string, sentMessage?: Id): Promise<boolean> {
    return moveDraft(Draft, { _id: draftId }, 'unknown', 'sent', {
      reason,
      ...(sentMessage ? { sentMessage: new Types.ObjectId(String(sentMessage)) } : {}),
    });
  },
  /** unknown → resending: the one resend of an unknown delivery. Exclusive with `confirmReceived`. */
  claimResend(draftId: Id, reason: string): Promise<boolean> {
    return moveDraft(Draft, { _id: draftId }, 'unknown', 'resending', { reason });
  },
  /** resending → sent, recording the Message the resend became. */
  markResent(draftId: Id, messageObjectId: Id): Promise<boolean> {
    return moveDraft(Draft, { _id: draftId }, 'resending', 'sent', {
      sentMessage: new Types.ObjectId(String(messageObjectId)),
    });
  },
  /** resending → unknown | failed: the resend ended without a known delivery; final. */
  endResend(draftId: Id, to: 'unknown' | 'failed', reason: string): Promise<boolean> {
    return moveDraft(Draft, { _id: draftId }, 'resending', to, { reason });
  },
  /** sending → discarded: claimed but never handed to the provider, and a reply came first. */
  discardClaimed(draftId: Id, reason: string): Promise<boolean> {
    return moveDraft(Draft, { _id: draftId }, 'sending', 'discarded', { reason });
  },
  /** Discards every scheduled draft of a conversation (found through LiveDraft); returns how many this call discarded. */
  async discardScheduled(filter: { organization: Id; conversation: Id }, reason: string): Promise<number> {
    const live = await LiveDraft.find(
      { organization: filter.organization, conversation: filter.conversation },
      { _id: 1, organization: 1 },
    ).lean();
    return (await Draft.discardLive(live, reason)).filter(Boolean).length;
  },
  /** scheduled → discarded for drafts known from their LiveDraft entries; per draft, whether this call moved it. */
  discardLive(live: { _id: Types.ObjectId; organization: Types.ObjectId }[], reason: string): Promise<boolean[]> {
    return Promise.all(live.map((d) => moveKnownDraft(Draft, d, 'scheduled', 'discarded', { reason })));
  },
  /** scheduled → discarded for one draft of the organization. */
  discardOne(organization: Id, draftId: Id, reason: string): Promise<boolean> {
    return moveDraft(Draft, { _id: draftId, organization }, 'scheduled', 'discarded', { reason });
  },
};
draftSchema.static(draftStatics);
syncLiveDrafts(draftSchema);
draftSchema.index({ organization: 1, conversation: 1, status: 1 });
draftSchema.index({ organization: 1, messageId: 1 }, { unique: true });
draftSchema.index({ organization: 1, triggerMessage: 1 });

const DraftModel = model('Draft', draftSchema);
export const Draft = DraftModel as typeof DraftModel & typeof draftStatics;
export type DraftDoc = InferSchemaType<typeof draftSchema> & { _id: Types.ObjectId };
