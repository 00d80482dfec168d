// A send-slot store that claims nothing: the dry run plans daily caps with the worker's own
// reservation algorithm (reserveSlot), reading the day's real claims and hints, and keeps the claims
// it would make in memory only, so the steps of one plan do not take the same ticket twice.
import { SendSlot } from '@follow-ups/db';
import { hintId, type SlotStore } from '@follow-ups/domain';

type HintDoc = { _id: string; ticket?: number | null; slot?: number | null };

export function peekSlotStore(): SlotStore {
  const mine = new Set<string>();
  return {
    async claim(ids) {
      const taken = new Set((await SendSlot.find({ _id: { $in: ids } }, { _id: 1 }).lean()).map((d) => String(d._id)));
      return ids.map((id) => {
        const free = !taken.has(id) && !mine.has(id);
        if (free) mine.add(id);
        return free;
      });
    },
    async release(id) {
      mine.delete(id);
    },
    async hints(keys, day) {
      const ids = keys.map((k) => hintId(k, day));
      const found = new Map((await SendSlot.find({ _id: { $in: ids } }).lean<HintDoc[]>()).map((d) => [d._id, d]));
      return ids.map((id) => ({ ticket: found.get(id)?.ticket ?? 0, slot: found.get(id)?.slot ?? 0 }));
    },
    async advance() {}, // hints are the worker's to raise
    async rewind() {},
  };
}
