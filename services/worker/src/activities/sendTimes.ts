// Send times decided when a follow-up falls due: the sending window read now, and the sender's daily cap.
import { Draft, isDuplicateKeyError, SendSlot } from '@follow-ups/db';
import { currentTime, nextOpening, reserveSlot, type SlotStore } from '@follow-ups/domain';
import type { ReserveSendTimeInput } from '@follow-ups/workflows';
import type { ActivityDeps } from './deps';

/** Slot documents in MongoDB: a unique `_id` insert is the claim; hints are a `$max`-updated document per sender-day. */
export const mongoSlotStore: SlotStore = {
  async claim(id) {
    try {
      await SendSlot.create({ _id: id, at: new Date() });
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
    await SendSlot.updateOne({ _id: `${key}|${day}|hint` }, { $max: { ticket: to.ticket, slot: to.slot }, $setOnInsert: { at: new Date() } }, { upsert: true });
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
    const reservationId = `${input.organizationId}|draft|${input.draftId}|${input.notBefore}`;
    const earlier = await SendSlot.findById(reservationId).lean();
    if (earlier) return { sendAt: earlier.at.toISOString() };
    const key = `${input.organizationId}|${input.sender}`;
    const slot = await oneAtATime(key, () => reserveSlot({ key, organizationKey: input.organizationId, notBefore, policy, caps, store: mongoSlotStore }));
    at = slot.at;
    await SendSlot.create({ _id: reservationId, at, draft: input.draftId }).catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error;
    });
  } else {
    at = nextOpening(notBefore, policy);
  }
  await Draft.updateOne({ _id: input.draftId, organization: input.organizationId, status: 'scheduled' }, { $set: { sendAt: at } });
  return { sendAt: at.toISOString() };
}
