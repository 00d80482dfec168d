import type { Types } from 'mongoose';
import { Draft, draftMoveEvent, type CountedEvent, type LiveDraftDoc } from '@follow-ups/db';

/** A conversation's LiveDraft entry as the reply path reads it (match.ts, acceptReply.ts). */
export type LiveEntry = Pick<LiveDraftDoc, '_id' | 'organization' | 'conversation' | 'kind' | 'autoFollowup'> &
  Partial<Pick<LiveDraftDoc, 'rule' | 'step' | 'sender'>>;

export const LIVE_ENTRY_FIELDS = {
  organization: 1,
  conversation: 1,
  kind: 1,
  autoFollowup: 1,
  rule: 1,
  step: 1,
  sender: 1,
} as const;

/**
 * What the reply's discards count (`discarded:<draft>:scheduled`, analytics/draftMove.ts), from the
 * LiveDraft entries; a follow-up's entry written before entries carried its step is completed from
 * its draft (one read for all of them).
 */
export async function discardEvents(discarded: LiveEntry[], at: Date): Promise<CountedEvent[]> {
  const older = discarded.filter((d) => d.kind === 'followup' && d.step == null).map((d) => d._id);
  const drafts = older.length
    ? await Draft.find({ _id: { $in: older } }, { rule: 1, step: 1, 'triggerMail.from': 1 }).lean()
    : [];
  const read = new Map(drafts.map((d) => [String(d._id), d]));
  return discarded.flatMap((entry) => {
    const draft = read.get(String(entry._id));
    const counted = draft
      ? { ...entry, rule: draft.rule, step: draft.step, sender: draft.triggerMail?.from?.address }
      : entry;
    return draftMoveEvent(entry._id as Types.ObjectId, 'scheduled', 'discarded', at, counted) ?? [];
  });
}
