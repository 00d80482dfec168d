import type { Types } from 'mongoose';
import { countOnce } from './count';
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

/**
 * Counts a follow-up's move into `sent` or `discarded`, keyed on the draft and the state it left
 * (the transition that happens once). `read`: the draft after the move. A sent step becomes the
 * conversation's last step sent, where its replies count.
 */
export async function countDraftMove(
  draftId: Types.ObjectId,
  from: string,
  to: string,
  at: Date,
  read: () => Promise<MovedDraft | null>,
): Promise<void> {
  const field = COUNTED_MOVES[to];
  if (!field) return;
  const draft = await read();
  if (!draft || draft.kind !== 'followup' || !draft.rule || !draft.step) return;
  const organization = String(draft.organization);
  const sender = draft.triggerMail?.from?.address ?? '';
  if (field === 'sent' && draft.triggerMessage)
    await noteStepSent(organization, String(draft.conversation), String(draft.triggerMessage), draft.step, at);
  await countOnce(
    `${field}:${draftId}:${from}`,
    { organization, rule: String(draft.rule), sender, at },
    { [`${draft.step}.${field}`]: 1 },
  );
}
