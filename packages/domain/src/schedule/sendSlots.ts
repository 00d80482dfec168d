import { openWindows } from './window';
import type { SendCaps, SendingPolicy } from './types';

/**
 * Where reservations are kept. `claim` is a unique insert (true when this caller created the id,
 * false when it existed): the only exclusivity FerretDB 1.24 offers. Hints only save probes; they
 * are never trusted, so a stale or lost hint costs a few failed inserts, never a double booking.
 */
export type SlotStore = {
  claim(id: string): Promise<boolean>;
  release(id: string): Promise<void>;
  hint(key: string, day: string): Promise<{ ticket: number; slot: number }>;
  advance(key: string, day: string, to: { ticket: number; slot: number }): Promise<void>;
  /** Lowers the hint (never raises it), so that a ticket or slot given back is found again. */
  rewind(key: string, day: string, to: { ticket?: number; slot?: number }): Promise<void>;
};

export type SlotReservation = { at: Date; day: string; ticket: number; slot: number; ids: string[] };

/**
 * Reserves a send time for one mail of `key` (a sender) at or after `notBefore`: a day ticket
 * (0 … perDay-1, so a day never exceeds the cap), with `perOrganizationPerDay` a day ticket of
 * `organizationKey` too (0 … that cap-1, shared by all its senders), and a time slot on the grid
 * open + k × spacing inside that day's window (so two sends are never closer than the spacing).
 * A full day spills to the next open window, giving back what it claimed there; nothing is ever
 * dropped. Callers reserve in the order their mail falls due, so the slots go out in due order.
 */
export async function reserveSlot(args: {
  key: string;
  organizationKey?: string;
  notBefore: Date;
  policy: SendingPolicy;
  caps: SendCaps;
  store: SlotStore;
}): Promise<SlotReservation> {
  const { key, notBefore, policy, caps, store } = args;
  const spacingMs = Math.max(1, caps.spacingSeconds) * 1000;
  const organization = args.organizationKey && caps.perOrganizationPerDay ? { key: args.organizationKey, perDay: caps.perOrganizationPerDay } : null;
  for (const w of openWindows(notBefore, policy)) {
    if (notBefore >= w.close) continue;
    const hint = await store.hint(key, w.day);
    const ticketId = await claimFirst(store, Math.max(0, hint.ticket), caps.perDay, (n) => `${key}|${w.day}|t${n}`);
    if (!ticketId) continue;
    const claimed = [ticketId.id];
    const orgTicket = organization ? await claimOrganizationTicket(store, organization, w.day) : null;
    if (organization && !orgTicket) {
      await releaseAll(store, claimed);
      continue;
    }
    if (orgTicket) claimed.push(orgTicket.id);
    const lastSlot = Math.ceil((w.close.getTime() - w.open.getTime()) / spacingMs) - 1;
    const earliest = Math.max(0, Math.ceil((notBefore.getTime() - w.open.getTime()) / spacingMs));
    const slotId = await claimFirst(store, Math.max(earliest, hint.slot), lastSlot + 1, (k) => `${key}|${w.day}|s${k}`);
    if (!slotId) {
      await releaseAll(store, claimed);
      continue;
    }
    await store.advance(key, w.day, { ticket: ticketId.index + 1, slot: slotId.index + 1 });
    if (organization && orgTicket) await store.advance(organization.key, w.day, { ticket: orgTicket.index + 1, slot: 0 });
    const at = new Date(w.open.getTime() + slotId.index * spacingMs);
    return { at, day: w.day, ticket: ticketId.index, slot: slotId.index, ids: [...claimed, slotId.id] };
  }
  throw new RangeError('unreachable');
}

/** The organization's own day tickets: `<organization>|<day>|o<n>`, with their hint under the organization's key. */
async function claimOrganizationTicket(store: SlotStore, organization: { key: string; perDay: number }, day: string) {
  const hint = await store.hint(organization.key, day);
  return claimFirst(store, Math.max(0, hint.ticket), organization.perDay, (n) => `${organization.key}|${day}|o${n}`);
}

async function releaseAll(store: SlotStore, ids: string[]): Promise<void> {
  for (const id of ids) await store.release(id);
}

async function claimFirst(store: SlotStore, from: number, limit: number, idOf: (n: number) => string): Promise<{ id: string; index: number } | null> {
  for (let n = from; n < limit; n++) {
    const id = idOf(n);
    if (await store.claim(id)) return { id, index: n };
  }
  return null;
}

/** An in-memory SlotStore: for unit tests and single-process tools. */
export function memorySlotStore(): SlotStore & { claimed: Set<string> } {
  const claimed = new Set<string>();
  const hints = new Map<string, { ticket: number; slot: number }>();
  return {
    claimed,
    async claim(id) {
      if (claimed.has(id)) return false;
      claimed.add(id);
      return true;
    },
    async release(id) {
      claimed.delete(id);
    },
    async hint(key, day) {
      return hints.get(`${key}|${day}`) ?? { ticket: 0, slot: 0 };
    },
    async advance(key, day, to) {
      const old = hints.get(`${key}|${day}`) ?? { ticket: 0, slot: 0 };
      hints.set(`${key}|${day}`, { ticket: Math.max(old.ticket, to.ticket), slot: Math.max(old.slot, to.slot) });
    },
    async rewind(key, day, to) {
      const old = hints.get(`${key}|${day}`);
      if (old) hints.set(`${key}|${day}`, { ticket: Math.min(old.ticket, to.ticket ?? Infinity), slot: Math.min(old.slot, to.slot ?? Infinity) });
    },
  };
}
