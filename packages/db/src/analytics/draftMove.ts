import type { Types } from 'mongoose';
import { countAll, type CountedEvent } from './count';
import { noteStepSent } from './sequence';

/** The step counter a follow-up's move lands in; moves not listed count nothing. */
const COUNTED_MOVES: Partial<Record<string, 'sent' | 'discarded'>> = { sent: 'sent', discarded: 'discarded' };

export type MovedDraft = {
  _id: Types.ObjectId;
  organization: Types.ObjectId;
  conversation: Types.ObjectId;
  kind: string;
  rule?: Types.ObjectId | null;
  step?: number | null;
  triggerMessage?: Types.ObjectId | null;
  triggerMail?: { from?: { address?: string | null } | null } | null;
};

/** What a draft's move counts on: its organization, kind, rule, step and sender (its trigger's From). */
export type CountedDraft = {
  organization: Types.ObjectId | string;
  kind?: string | null;
  rule?: Types.ObjectId | string | null;
  step?: number | null;
  sender?: string | null;
};

/**
 * The event of a follow-up's move into `sent` or `discarded`, keyed on the draft and the state it
 * left (the transition that happens once); null for a move or a draft that counts nothing. Only for
 * a move the caller made: its (draft, from) `DraftTransition`, a unique insert, let this caller
 * alone through, so it is the event's mark (`decided`: no second one is inserted).
 */
export function draftMoveEvent(
  draftId: Types.ObjectId | string,
  from: string,
  to: string,
  at: Date,
  draft: CountedDraft,
): CountedEvent | null {
  const field = COUNTED_MOVES[to];
  if (!field || draft.kind !== 'followup' || !draft.rule || !draft.step) return null;
  return {
    id: `${field}:${draftId}:${from}`,
    target: { organization: String(draft.organization), rule: String(draft.rule), sender: draft.sender ?? '', at },
    increments: { [`${draft.step}.${field}`]: 1 },
    decided: true,
  };
}

/**
 * Counts a follow-up's move into `sent` or `discarded` (`draftMoveEvent`). `read`: the draft after
 * the move. A sent step becomes the conversation's last step sent, where its replies count, unless
 * `stepNoted`: the caller's write of the conversation noted it (deliverDraft's `recordSent`). Called
 * by `moveKnownDraft` for the caller whose transition insert went in.
 */
export async function countDraftMove(
  draftId: Types.ObjectId,
  from: string,
  to: string,
  at: Date,
  read: () => Promise<MovedDraft | null>,
  stepNoted = false,
): Promise<void> {
  if (!COUNTED_MOVES[to]) return;
  const draft = await read();
  if (!draft) return;
  const event = draftMoveEvent(draftId, from, to, at, { ...draft, sender: draft.triggerMail?.from?.address });
  if (!event) return;
  if (to === 'sent' && draft.triggerMessage && !stepNoted)
    await noteStepSent(
      event.target.organization,
      String(draft.conversation),
      String(draft.triggerMessage),
      draft.step!,
      at,
    );
  await countAll([event]);
}
