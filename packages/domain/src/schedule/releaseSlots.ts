import type { SlotStore } from './sendSlots';

/** `<key>|<local day>|t<n>` (sender ticket), `…|o<n>` (organization ticket) or `…|s<k>` (time slot), as reserveSlot names them. */
const CLAIM_ID = /^(.+)\|(\d{4}-\d{2}-\d{2})\|([tos])(\d+)$/;

/** The local day (YYYY-MM-DD) a ticket or slot id of reserveSlot's is for; null for any other id. */
export const localDayOfClaim = (id: string): string | null => CLAIM_ID.exec(id)?.[2] ?? null;

/**
 * Gives back what a reservation claimed (its `ids`) when its mail will not go at that time
 * (discarded, paused, moved): the day tickets count again towards the cap and a slot still ahead
 * can be taken by the next claimer. Hints are lowered so the freed indexes are probed again.
 * Callers must release a reservation once only: an id given back may be claimed again at once.
 */
export async function releaseSlots(store: SlotStore, ids: readonly string[]): Promise<number> {
  let released = 0;
  for (const id of ids) {
    const m = CLAIM_ID.exec(id);
    if (!m) continue; // not a claim of reserveSlot's: left alone
    const [, key, day, kind, index] = m as unknown as [string, string, string, string, string];
    await store.release(id);
    await store.rewind(key, day, kind === 's' ? { slot: Number(index) } : { ticket: Number(index) });
    released++;
  }
  return released;
}
