// Send times decided when a follow-up falls due: the sending window read now, and the sender's daily cap.
import { Draft, isDuplicateKeyError, SendSlot } from '@follow-ups/db';
import { currentTime, localDayOfClaim, nextOpening, releaseSlots, reserveSlot, type SlotStore } from '@follow-ups/domain';
import type { ReleaseSendTimeInput, ReserveSendTimeInput } from '@follow-ups/workflows';
import type { ActivityDeps } from './deps';

/** UTC midnight of a local day: the `at` of its claims and hints, which the sweep reads. */
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);

/** Slot documents in MongoDB: a unique `_id` insert is the claim; hints are a `$max`-updated document per sender-day. */
export const mongoSlotStore: SlotStore = {
  async claim(id) {
    try {
      const day = localDayOfClaim(id);
      await SendSlot.create({ _id: id, at: day ? dayStart(day) : new Date() });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  },
  async release(id) {
    await SendSlot.deleteOne({ _id: id });
  },
  async hint(key, day) {
    const hint = await SendSlot.findById(`${key}|${day}|hint`).lean();
    return { ticket: hint?.ticket ?? 0, slot: hint?.slot ?? 0 };
  },
  async advance(key, day, to) {
    await SendSlot.updateOne(
      { _id: `${key}|${day}|hint` },
      { $max: { ticket: to.ticket, slot: to.slot }, $setOnInsert: { at: dayStart(day) } },
      { upsert: true },
    );
  },
  async rewind(key, day, to) {
    await SendSlot.updateOne({ _id: `${key}|${day}|hint` }, { $min: to });
  },
};

/**
 * Reservations of one sender run one at a time in this process: concurrent claimers of one
 * sender-day would all probe the same next slot, and each would pay one failed insert per rival.
 * Across worker processes the unique `_id` still decides; they contend only with each other.
 */
const queues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(work, work);
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => queues.get(key) === tail && queues.delete(key));
  return run;
}

/**
 * The time a due follow-up may go: the next opening of the window from now (or its due time), and
 * with a daily cap a reserved slot of its sender. A retry of the activity finds its first
 * reservation (`<draft>|<due time>`) and answers the same slot, so a retry never books two.
 */
export async function reserveSendTime(deps: ActivityDeps, input: ReserveSendTimeInput): Promise<{ sendAt: string }> {
  const now = currentTime(deps);
  const due = new Date(input.notBefore);
  const notBefore = due > now ? due : now;
  const { policy, caps } = input.schedule;
  let at: Date;
  if (caps) {
    const reservationId = reservationIdOf(input);
    const earlier = await SendSlot.findById(reservationId).lean();
    if (earlier) return { sendAt: earlier.at.toISOString() };
    const key = `${input.organizationId}|${input.sender}`;
    const slot = await oneAtATime(key, () => reserveSlot({ key, organizationKey: input.organizationId, notBefore, policy, caps, store: mongoSlotStore }));
    at = slot.at;
    await SendSlot.create({ _id: reservationId, at, draft: input.draftId, ids: slot.ids }).catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error;
    });
  } else {
    at = nextOpening(notBefore, policy);
  }
  await Draft.updateOne({ _id: input.draftId, organization: input.organizationId, status: 'scheduled' }, { $set: { sendAt: at } });
  return { sendAt: at.toISOString() };
}

/**
 * The follow-up will not go at its reserved time (discarded, paused, moved): its tickets and slot
 * are given back. The record is taken first (one atomic delete), so a retry or a second caller
 * never gives back ids that someone else may have claimed since; a crash right after leaves them
 * claimed, the cap under-used by one, never exceeded.
 */
export async function releaseSendTime(input: ReleaseSendTimeInput): Promise<{ released: number }> {
  const record = await SendSlot.findOneAndDelete({ _id: reservationIdOf(input) }).lean();
  return { released: record?.ids ? await releaseSlots(mongoSlotStore, record.ids) : 0 };
}

/** One reservation per draft and due time: a retried activity answers the same slot. */
const reservationIdOf = (input: { organizationId: string; draftId: string; notBefore: string }) =>
  `${input.organizationId}|draft|${input.draftId}|${input.notBefore}`;
