import { SendSlot } from './models/sendSlot';

const DAY_MS = 86_400_000;
const ROUND_LIMIT = 1_000;
/** The local day a claim or hint is for (`…|YYYY-MM-DD|t3`); reservation records name none. */
const LOCAL_DAY = /\|(\d{4}-\d{2}-\d{2})\|[^|]+$/;

/**
 * Removes the send slots, day tickets and hints of local days that are over everywhere (two UTC
 * days back: every zone's day has ended by then), and reservation records whose send time is a
 * day past. Days still ahead keep every document, however long ago it was claimed. Bounded per
 * call, like the rest of the history sweep. Returns how many were removed.
 */
export async function sweepSendSlots(now = new Date()): Promise<number> {
  const lastOverDay = new Date(now.getTime() - 2 * DAY_MS).toISOString().slice(0, 10);
  // Claims and hints carry their day's UTC midnight in `at` (older ones their claim time, hence the check of the day named in the id).
  const old = await SendSlot.find({ at: { $lt: new Date(Date.parse(lastOverDay) + DAY_MS) } }, { _id: 1 })
    .limit(ROUND_LIMIT)
    .lean();
  const over = old
    .map((d) => String(d._id))
    .filter((id) => {
      const day = LOCAL_DAY.exec(id)?.[1];
      return !day || day <= lastOverDay;
    });
  if (!over.length) return 0;
  const { deletedCount } = await SendSlot.deleteMany({ _id: { $in: over } });
  return deletedCount;
}
