// Send times decided when a follow-up falls due: the sending window read now, and the sender's daily cap.
import { Draft, isDuplicateKeyError, SendSlot } from '@follow-ups/db';
import {
  currentTime,
  hintId,
  nextOpening,
  openWindows,
  releaseSlots,
  reserveSlot,
  senderSlotKey,
} from '@follow-ups/domain';
import { mongoSlotStore } from './mongoSlotStore';
import type { ReleaseSendTimeInput, ReserveSendTimeInput } from '@follow-ups/workflows';
import type { ActivityDeps } from './deps';

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
    const key = senderSlotKey(input.organizationId, input.sender);
    const found = await oneAtATime(key, () => reserveInQueue(input, key, notBefore));
    if ('earlier' in found) return { sendAt: found.earlier.toISOString() };
    at = found.at;
    await SendSlot.create({ _id: reservationIdOf(input), at, draft: input.draftId, ids: found.ids }).catch(
      (error: unknown) => {
        if (!isDuplicateKeyError(error)) throw error;
      },
    );
  } else {
    at = nextOpening(notBefore, policy);
  }
  await Draft.updateOne(
    { _id: input.draftId, organization: input.organizationId, status: 'scheduled' },
    { $set: { sendAt: at } },
  );
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
  return { released: record?.ids ? await releaseSlots(mongoSlotStore(), record.ids) : 0 };
}

/** One reservation per draft and due time: a retried activity answers the same slot. */
const reservationIdOf = (input: { organizationId: string; draftId: string; notBefore: string }) =>
  `${input.organizationId}|draft|${input.draftId}|${input.notBefore}`;

/**
 * Inside the sender's queue: the retry check and the hints of the first open day in one read, then
 * the reservation. Uncontended a reservation costs five database calls: this read, one claim of
 * all candidates, the hints raised, the reservation record and the Draft's new time.
 */
async function reserveInQueue(
  input: ReserveSendTimeInput,
  key: string,
  notBefore: Date,
): Promise<{ earlier: Date } | { at: Date; ids: string[] }> {
  const { policy, caps } = input.schedule;
  const reservationId = reservationIdOf(input);
  const firstDay = firstOpenDay(notBefore, policy);
  const hintIds = (caps!.perOrganizationPerDay ? [key, input.organizationId] : [key]).map((k) => hintId(k, firstDay));
  const docs = await SendSlot.find({ _id: { $in: [reservationId, ...hintIds] } }).lean();
  const earlier = docs.find((d) => d._id === reservationId);
  if (earlier) return { earlier: earlier.at };
  const store = mongoSlotStore({ ids: hintIds, docs: docs.filter((d) => d._id !== reservationId) });
  const slot = await reserveSlot({ key, organizationKey: input.organizationId, notBefore, policy, caps: caps!, store });
  return { at: slot.at, ids: slot.ids };
}

/** The local day of the first window that is still open at `from` (where reserveSlot starts). */
function firstOpenDay(from: Date, policy: ReserveSendTimeInput['schedule']['policy']): string {
  for (const w of openWindows(from, policy)) if (from < w.close) return w.day;
  throw new RangeError('unreachable');
}
