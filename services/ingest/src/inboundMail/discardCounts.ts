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
 * its draft (read by `_id`).
 */
export async function discardEvents(discarded: LiveEntry[], at: Date): Promise<CountedEvent[]> {
  const drafts = await Promise.all(
    discarded.map((d) =>
      d.kind === 'followup' && d.step == null
        ? Draft.findById(d._id, { rule: 1, step: 1, 'triggerMail.from': 1 }).lean()
        : null,
    ),
  );
  return discarded.flatMap((entry, i) => {
    const draft = drafts[i];
    const counted = draft
      ? { ...entry, rule: draft.rule, step: draft.step, sender: draft.triggerMail?.from?.address }
      : entry;
    return draftMoveEvent(entry._id as Types.ObjectId, 'scheduled', 'discarded', at, counted) ?? [];
  });
}
