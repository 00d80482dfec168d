import { openWindows } from './window';
import type { SendCaps, SendingPolicy } from './types';

type Hint = { ticket: number; slot: number };

/** The id of a key's hint document for one local day. */
export const hintId = (key: string, day: string) => `${key}|${day}|hint`;
/** The key a sender's claims are made under. */
export const senderSlotKey = (organization: string, sender: string) => `${organization}|${sender}`;

/**
 * Where reservations are kept. `claim` is a unique insert of each id, all in one call (entry i
 * true when this caller created ids[i], false when it existed): the only exclusivity FerretDB 1.24
 * offers. Hints only save probes; they are never trusted, so a stale or lost hint costs a few
 * failed inserts, never a double booking.
 */
export type SlotStore = {
  claim(ids: string[]): Promise<boolean[]>;
  release(id: string): Promise<void>;
  /** The hints of several keys for one local day, in one call (0, 0 where there is none). */
  hints(keys: string[], day: string): Promise<Hint[]>;
  /** Raises hints (never lowers them), all in one call. */
  advance(day: string, to: (Hint & { key: string })[]): Promise<void>;
  /** Lowers the hint (never raises it), so that a ticket or slot given back is found again. */
  rewind(key: string, day: string, to: { ticket?: number; slot?: number }): Promise<void>;
};

export type SlotReservation = { at: Date; day: string; ticket: number; slot: number; ids: string[] };

/** Indexes `from` … `limit - 1` of one kind of claim (sender tickets, organization tickets, slots). */
type Ladder = { from: number; limit: number; idOf: (n: number) => string };
type Claimed = { id: string; index: number };

/**
 * Reserves a send time for one mail of `key` (a sender) at or after `notBefore`: a day ticket
 * (0 … perDay-1, so a day never exceeds the cap), with `perOrganizationPerDay` a day ticket of
 * `organizationKey` too (0 … that cap-1, shared by all its senders), and a time slot on the grid
 * open + k × spacing inside that day's window (so two sends are never closer than the spacing).
 * A full day spills to the next open window, giving back what it claimed there; nothing is ever
 * dropped. Callers reserve in the order their mail falls due, so the slots go out in due order.
 * Uncontended, a day costs three calls: the hints, one claim of all candidates, the hints raised.
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
  const organization =
    args.organizationKey && caps.perOrganizationPerDay
      ? { key: args.organizationKey, perDay: caps.perOrganizationPerDay }
      : null;
  for (const w of openWindows(notBefore, policy)) {
    if (notBefore >= w.close) continue;
    const [hint, orgHint] = await store.hints(organization ? [key, organization.key] : [key], w.day);
    const lastSlot = Math.ceil((w.close.getTime() - w.open.getTime()) / spacingMs) - 1;
    const earliest = Math.max(0, Math.ceil((notBefore.getTime() - w.open.getTime()) / spacingMs));
    const ladders: Ladder[] = [
      { from: Math.max(0, hint!.ticket), limit: caps.perDay, idOf: (n) => `${key}|${w.day}|t${n}` },
      { from: Math.max(earliest, hint!.slot), limit: lastSlot + 1, idOf: (k) => `${key}|${w.day}|s${k}` },
      ...(organization
        ? [
            {
              from: Math.max(0, orgHint!.ticket),
              limit: organization.perDay,
              idOf: (n: number) => `${organization.key}|${w.day}|o${n}`,
            },
          ]
        : []),
    ];
    const claimed = await climbAll(store, ladders);
    if (!claimed) continue; // the day is full: of tickets, of the organization's tickets, or of slots
    const [ticket, slot, orgTicket] = claimed as [Claimed, Claimed, Claimed?];
    await store.advance(w.day, [
      { key, ticket: ticket.index + 1, slot: slot.index + 1 },
      ...(organization && orgTicket ? [{ key: organization.key, ticket: orgTicket.index + 1, slot: 0 }] : []),
    ]);
    const at = new Date(w.open.getTime() + slot.index * spacingMs);
    return {
      at,
      day: w.day,
      ticket: ticket.index,
      slot: slot.index,
      ids: [ticket.id, ...(orgTicket ? [orgTicket.id] : []), slot.id],
    };
  }
  throw new RangeError('unreachable');
}

/**
 * One claim on every ladder: the first rung of each in one call, then up the ladders whose first
 * rung was taken, one by one. null when a ladder has no free rung; what was claimed is given back.
 */
async function climbAll(store: SlotStore, ladders: Ladder[]): Promise<Claimed[] | null> {
  if (ladders.some((l) => l.from >= l.limit)) return null;
  const first = await store.claim(ladders.map((l) => l.idOf(l.from)));
  const claimed: (Claimed | null)[] = ladders.map((l, i) => (first[i] ? { id: l.idOf(l.from), index: l.from } : null));
  for (const [i, ladder] of ladders.entries()) {
    for (let n = ladder.from + 1; !claimed[i] && n < ladder.limit; n++) {
      const [won] = await store.claim([ladder.idOf(n)]);
      if (won) claimed[i] = { id: ladder.idOf(n), index: n };
    }
    if (!claimed[i]) {
      for (const c of claimed) if (c) await store.release(c.id);
      return null;
    }
  }
  return claimed as Claimed[];
}

/** An in-memory SlotStore: for unit tests and single-process tools. */
export function memorySlotStore(): SlotStore & { claimed: Set<string> } {
  const claimed = new Set<string>();
  const hints = new Map<string, Hint>();
  return {
    claimed,
    async claim(ids) {
      return ids.map((id) => !claimed.has(id) && Boolean(claimed.add(id)));
    },
    async release(id) {
      claimed.delete(id);
    },
    async hints(keys, day) {
      return keys.map((key) => hints.get(`${key}|${day}`) ?? { ticket: 0, slot: 0 });
    },
    async advance(day, to) {
      for (const { key, ticket, slot } of to) {
        const old = hints.get(`${key}|${day}`) ?? { ticket: 0, slot: 0 };
        hints.set(`${key}|${day}`, { ticket: Math.max(old.ticket, ticket), slot: Math.max(old.slot, slot) });
      }
    },
    async rewind(key, day, to) {
      const old = hints.get(`${key}|${day}`);
      if (old)
        hints.set(`${key}|${day}`, {
          ticket: Math.min(old.ticket, to.ticket ?? Infinity),
          slot: Math.min(old.slot, to.slot ?? Infinity),
        });
    },
  };
}
