import { isDuplicateKeyError } from '../errors';
import { AnalyticsRecent } from './models';

const RECENT_REPLIES = 10;
const TRIES = 3;

type Reply = { conversation: string; step: number; at: Date; from: string; subject: string };
/** A rule's recent replies as this process last wrote or read them; `v`: the document's rewrites (null: none yet). */
type Copy = { exists: boolean; v: number | null; replies: Reply[] };

/** This process's copies, by document id: a reply rewrites the list without reading it first. */
const copies = new Map<string, Copy>();
const MAX_COPIES = 10_000;

/**
 * Puts a reply first in its rule's recent replies (at most 10). The list is rewritten whole from
 * this process's copy, on the condition that no one rewrote it since (`v`, which every writer
 * bumps, erasure included): one write when the copy is current; else it is read again and the
 * write retried. FerretDB runs a filtered update as read-then-overwrite, so two replies at the
 * same moment may still keep one (docs/analytics.md); the counts are not affected.
 */
export async function rememberReply(id: string, reply: Reply): Promise<void> {
  for (let attempt = 0; attempt < TRIES; attempt++) {
    const copy = copies.get(id) ?? (await readCopy(id));
    const replies = [reply, ...copy.replies].slice(0, RECENT_REPLIES);
    const v = (copy.v ?? 0) + 1;
    if (await rewrite(id, copy, replies, v)) {
      if (copies.size >= MAX_COPIES) copies.clear();
      copies.set(id, { exists: true, v, replies });
      return;
    }
    copies.delete(id);
  }
}

async function readCopy(id: string): Promise<Copy> {
  const doc = await AnalyticsRecent.findById(id).lean();
  return { exists: doc !== null, v: doc?.v ?? null, replies: (doc?.replies ?? []) as Reply[] };
}

/** True when the document was as the copy says (or absent, as it says) and now holds `replies`. */
async function rewrite(id: string, copy: Copy, replies: Reply[], v: number): Promise<boolean> {
  const filter = { _id: id, v: copy.v ?? { $exists: false } };
  try {
    const res = await AnalyticsRecent.updateOne(filter, { $set: { replies, v } }, { upsert: !copy.exists });
    return res.matchedCount === 1 || res.upsertedCount === 1;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false; // created meanwhile by another writer
    throw error;
  }
}

/** The rule's last replies, newest first. */
export async function recentReplies(organization: string, rule: string) {
  return (await AnalyticsRecent.findById(`${organization}|${rule}`).lean())?.replies ?? [];
}
