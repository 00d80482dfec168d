import type { Query, Schema, UpdateQuery } from 'mongoose';
import { Types } from 'mongoose';
import { onlyDuplicateKeys } from '../errors';
import { typedDoc } from '../typedDoc';
import { isLiveStatus, LiveDraft } from './liveDraft';

type DraftFields = {
  _id?: unknown;
  organization?: unknown;
  conversation?: unknown;
  kind?: unknown;
  autoFollowup?: unknown;
  status?: unknown;
  rule?: unknown;
  step?: unknown;
  triggerMail?: { from?: { address?: unknown } | null } | null;
};

const entryOf = (d: DraftFields) => ({
  _id: d._id,
  organization: d.organization,
  conversation: d.conversation,
  kind: d.kind,
  autoFollowup: d.autoFollowup ?? false,
  ...(d.rule != null ? { rule: d.rule } : {}),
  ...(d.step != null ? { step: d.step } : {}),
  ...(d.triggerMail?.from?.address != null ? { sender: d.triggerMail.from.address } : {}),
});

/** Live entries for the drafts about to be inserted; an entry already there (a re-run) is kept. */
async function addLive(drafts: DraftFields[]): Promise<void> {
  const live = drafts.filter((d) => isLiveStatus(d.status));
  if (!live.length) return;
  // Typed and validated as plain objects (a `ValidationError` as before), inserted without hydrating each.
  const now = new Date();
  const entries = live.map((d) => typedDoc<object>(LiveDraft, entryOf(d), now));
  try {
    await LiveDraft.insertMany(entries, { ordered: false, lean: true });
  } catch (error) {
    if (!onlyDuplicateKeys(error)) throw error;
  }
}

function statusSet(update: UpdateQuery<unknown> | null): unknown {
  if (!update) return undefined;
  const set = (update as { $set?: Record<string, unknown> }).$set;
  return set && 'status' in set ? set.status : (update as Record<string, unknown>).status;
}

/**
 * Keeps LiveDraft in step with Draft for every writer: an entry is written BEFORE a live draft is
 * inserted (so a reader never misses a draft that exists), and removed AFTER an `updateOne` moved the
 * draft to a final state. Status moves all go through `updateOne` (draft-moves.ts).
 */
export function syncLiveDrafts(schema: Schema): void {
  schema.pre('save', async function () {
    if (this.isNew) await addLive([this as DraftFields]);
  });
  schema.pre('insertMany', function (next: (error?: Error) => void, docs: DraftFields | DraftFields[]) {
    const list = Array.isArray(docs) ? docs : [docs];
    for (const d of list) d._id ??= new Types.ObjectId();
    addLive(list).then(() => next(), next);
  });
  schema.post('updateOne', { document: false, query: true }, async function (res: { matchedCount?: number }) {
    const query = this as unknown as Query<unknown, unknown>;
    const status = statusSet(query.getUpdate());
    const id = query.getFilter()._id as unknown;
    if (status === undefined || !id || !res?.matchedCount) return;
    if (!isLiveStatus(status)) {
      await LiveDraft.deleteOne({ _id: id });
      return;
    }
    // From one live status to another (scheduled → sending): its entry is there already.
    const from = query.getFilter().status as unknown;
    if (from !== undefined && isLiveStatus(from)) return;
    // Set back to a live status (by hand): make sure the entry is there.
    const draft = await query.model
      .findById(id, {
        organization: 1,
        conversation: 1,
        kind: 1,
        autoFollowup: 1,
        rule: 1,
        step: 1,
        'triggerMail.from': 1,
      })
      .lean<DraftFields>();
    if (draft) await addLive([{ ...draft, status }]);
  });
}
