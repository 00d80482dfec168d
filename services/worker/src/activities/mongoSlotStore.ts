// The send-slot store on MongoDB / FerretDB: a unique `_id` insert is a claim; hints are `$max`-raised documents per key and day.
import { SendSlot } from '@follow-ups/db';
import { hintId, localDayOfClaim, type SlotStore } from '@follow-ups/domain';

const DUPLICATE_KEY = 11000;
/** UTC midnight of a local day: the `at` of its claims and hints, which the sweep reads. */
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
type Hint = { ticket: number; slot: number };
type WriteError = { index?: number; code?: number; err?: { index?: number; code?: number } };

type HintDoc = { _id: string; ticket?: number | null; slot?: number | null };

/**
 * The store. `preloaded`: hint documents the caller already looked for (`ids`) and found (`docs`);
 * a `hints` call for exactly those is answered from them once, without a read.
 */
export function mongoSlotStore(preloaded?: { ids: string[]; docs: HintDoc[] }): SlotStore {
  let known: { ids: Set<string>; docs: Map<string, HintDoc> } | null = preloaded
    ? { ids: new Set(preloaded.ids), docs: new Map(preloaded.docs.map((d) => [d._id, d])) }
    : null;
  return {
    async claim(ids) {
      const docs = ids.map((id) => {
        const day = localDayOfClaim(id);
        return { _id: id, at: day ? dayStart(day) : new Date() };
      });
      try {
        await SendSlot.insertMany(docs, { ordered: false, lean: true });
        return ids.map(() => true);
      } catch (error) {
        return claimedDespite(error, ids.length);
      }
    },
    async release(id) {
      await SendSlot.deleteOne({ _id: id });
    },
    async hints(keys, day) {
      const ids = keys.map((k) => hintId(k, day));
      const found =
        known && ids.every((id) => known!.ids.has(id))
          ? known.docs
          : new Map((await SendSlot.find({ _id: { $in: ids } }).lean<HintDoc[]>()).map((d) => [d._id, d]));
      known = null; // preloaded hints answer once: later calls read the current ones
      return ids.map((id): Hint => ({ ticket: found.get(id)?.ticket ?? 0, slot: found.get(id)?.slot ?? 0 }));
    },
    async advance(day, to) {
      await SendSlot.bulkWrite(
        to.map(({ key, ticket, slot }) => ({
          updateOne: {
            filter: { _id: hintId(key, day) },
            update: { $max: { ticket, slot }, $setOnInsert: { at: dayStart(day) } },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    },
    async rewind(key, day, to) {
      await SendSlot.updateOne({ _id: hintId(key, day) }, { $min: to });
    },
  };
}

/** Which inserts of an unordered bulk insert went in: all but those refused as duplicates; any other failure is thrown. */
function claimedDespite(error: unknown, count: number): boolean[] {
  const writeErrors = (error as { writeErrors?: WriteError | WriteError[] } | null)?.writeErrors;
  const list = writeErrors === undefined ? [] : Array.isArray(writeErrors) ? writeErrors : [writeErrors];
  const failed = list.map((e) => ({ index: e.index ?? e.err?.index, code: e.code ?? e.err?.code }));
  if (!failed.length || failed.some((e) => e.code !== DUPLICATE_KEY || e.index === undefined)) throw error;
  const refused = new Set(failed.map((e) => e.index));
  return Array.from({ length: count }, (_, i) => !refused.has(i));
}
