import { Schema, model } from 'mongoose';
import { draftSchema } from './draft';

/**
 * Drafts that ended (sent, discarded, failed) some time ago, moved out of the hot Draft collection
 * by `archiveEndedDrafts`: same fields, never written again. Listing and admin paths read both
 * (draft-archive.ts); nothing on a send or reply path reads it.
 */
export const draftHistorySchema = new Schema(
  { ...draftSchema.obj, createdAt: { type: Date }, updatedAt: { type: Date } },
  { collection: 'draft_history' },
);
draftHistorySchema.index({ organization: 1, conversation: 1 });

export const DraftHistory = model('DraftHistory', draftHistorySchema);
