import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError } from '@temporalio/client';
import { onlyDuplicateKeys, ReplyOutbox, type ReplyOutboxDoc } from '@follow-ups/db';
import { forwardWorkflowId, sequenceWorkflowId } from '@follow-ups/domain';
import {
  outOfOfficeSignal,
  replyReceivedSignal,
  workflowTypes,
  type ForwardReplyInput,
  type forwardReply,
} from '@follow-ups/workflows';
import type { AppDeps } from '../deps';
import type { AcceptedReply } from './acceptReply';
import { log } from '../log';

const TEMPORAL_TIMEOUT_MS = 4_000;
/**
 * After a Temporal call of a webhook request failed, the next requests (of the same client) leave
 * their entries to the outbox round for this long instead of waiting for Temporal again: an outage
 * costs one request one deadline, and the webhook keeps answering within its own (failFast.ts).
 */
const AWAY_MS = 10_000;
const awayUntil = new WeakMap<object, number>();

type Entry = Pick<
  ReplyOutboxDoc,
  | '_id'
  | 'kind'
  | 'organization'
  | 'conversation'
  | 'messageId'
  | 'from'
  | 'receivedAt'
  | 'startedBefore'
  | 'returnDate'
>;
/** What the outbox needs of a received mail: the reply the webhook accepted. */
export type ReplyWork = AcceptedReply;

/** What the sequence is told of a received mail: a reply (it closes as `replied`) or an out-of-office. */
export type SequenceNews = { kind: 'signal' } | { kind: 'out_of_office'; returnDate: string | null };

/**
 * Passes a received mail on: `news` to the conversation's sequence workflow — a reply, which then
 * closes it as `replied`, or an out-of-office, whose rule's policy then pauses it until the return
 * date, ignores it or stops it — then the durable forward of the Message to whoever must see it
 * (README "Where replies go"). What Temporal does not take goes to the outbox (one insert): a mail
 * accepted while Temporal is away is told by `retryReplyOutbox` later (the drafts are already
 * discarded either way); no sequence running means nothing to tell. True when Temporal took everything.
 */
export function passOn(deps: AppDeps, reply: ReplyWork, news?: SequenceNews): Promise<boolean> {
  const workflowId = sequenceWorkflowId(String(reply.organization), String(reply.conversation));
  const toSequence: Entry[] = !news
    ? []
    : news.kind === 'signal'
      ? [{ _id: `signal ${workflowId} ${reply.messageId}`, kind: 'signal', ...fields(reply) }]
      : [
          {
            _id: `out_of_office ${workflowId} ${reply.messageId}`,
            kind: 'out_of_office',
            ...fields(reply),
            returnDate: news.returnDate ?? undefined,
          },
        ];
  return enqueue(deps, [...toSequence, forwardEntry(reply)]);
}

/** Starts the durable forward of a received Message (mail no sequence is told of: `passOn` without news). */
export function forwardReceived(deps: AppDeps, reply: ReplyWork): Promise<boolean> {
  return passOn(deps, reply);
}

const forwardEntry = (reply: ReplyWork): Entry => ({
  _id: `forward ${forwardWorkflowId(String(reply.organization), reply.messageId)}`,
  kind: 'forward',
  ...fields(reply),
});

const fields = (reply: ReplyWork) => ({
  organization: reply.organization,
  conversation: reply.conversation,
  messageId: reply.messageId,
  from: reply.from ?? undefined,
  receivedAt: reply.receivedAt,
  startedBefore: reply.createdBefore,
});

/**
 * Temporal is told first; only what it did not take is written to the outbox. Until the webhook's
 * 200, SendGrid holds the mail: a crash before Temporal took everything leaves no 200, so SendGrid
 * posts the mail again and `resumeInterrupted` (sendgridInbound.ts) passes it on again (each step
 * is idempotent). Once the 200 is sent, what Temporal has not taken is in the outbox.
 */
async function enqueue(deps: AppDeps, entries: Entry[]): Promise<boolean> {
  const away = (awayUntil.get(deps.temporal) ?? 0) > Date.now(); // Temporal just failed: the outbox round tells it
  const { done, failure } = away ? { done: [] } : await deliverInOrder(deps, entries);
  if (done.length === entries.length) return true;
  const left = entries.slice(done.length);
  await keep(failure ? [{ ...left[0]!, attempts: 1, lastError: failure }, ...left.slice(1)] : left);
  return false;
}

/** The entries Temporal did not take, kept for the outbox round (a repeated delivery may have kept them already). */
async function keep(entries: (Entry & { attempts?: number; lastError?: string })[]): Promise<void> {
  await ReplyOutbox.insertMany(entries, { ordered: false }).catch((error: unknown) => {
    if (!onlyDuplicateKeys(error)) throw error;
  });
}

/** Each entry in turn until Temporal fails one (the rest wait for the round): those it took, and why it failed. */
async function deliverInOrder(deps: AppDeps, entries: Entry[]): Promise<{ done: Entry[]; failure?: string }> {
  const done: Entry[] = [];
  for (const entry of entries) {
    const failure = await deliver(deps, entry);
    if (failure !== null) return { done, failure };
    done.push(entry);
  }
  return { done };
}

/** One attempt; null when Temporal took the entry (or there was nothing to do), else what failed. */
async function deliver(deps: AppDeps, entry: Entry): Promise<string | null> {
  try {
    await deps.temporal.withDeadline(Date.now() + TEMPORAL_TIMEOUT_MS, () =>
      entry.kind === 'forward' ? startForward(deps, entry) : signal(deps, entry),
    );
    awayUntil.delete(deps.temporal);
    return null;
  } catch (error) {
    awayUntil.set(deps.temporal, Date.now() + AWAY_MS);
    log.warn({ err: error, entry: entry._id }, 'reply recorded; Temporal will be told when it answers');
    return (error as Error).message;
  }
}

/** Temporal took them; a failed clean-up (a busy database) only means the next round repeats them, harmlessly. */
async function removeDone(done: Entry[]): Promise<void> {
  if (!done.length) return;
  await ReplyOutbox.deleteMany({ _id: { $in: done.map((e) => e._id) } }).catch((error: unknown) =>
    log.warn({ err: error, entries: done.map((e) => e._id) }, 'reply outbox entries left for the next round'),
  );
}

async function signal(deps: AppDeps, entry: Entry): Promise<void> {
  const workflowId = sequenceWorkflowId(String(entry.organization), String(entry.conversation));
  try {
    // A run started after the reply arrived (or a finished one) is not this reply's business.
    const run = await deps.temporal.workflow.getHandle(workflowId).describe();
    if (run.status.name !== 'RUNNING' || run.startTime > (entry.startedBefore ?? entry.receivedAt)) return;
    const handle = deps.temporal.workflow.getHandle(workflowId, run.runId);
    const reply = { from: entry.from ?? null, receivedAt: entry.receivedAt.toISOString() };
    if (entry.kind === 'out_of_office')
      await handle.signal(outOfOfficeSignal, { ...reply, returnDate: entry.returnDate ?? null });
    else await handle.signal(replyReceivedSignal, { messageId: entry.messageId, ...reply });
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}

async function startForward(deps: AppDeps, entry: Entry): Promise<void> {
  const input: ForwardReplyInput = {
    version: 1,
    organizationId: String(entry.organization),
    messageId: entry.messageId,
  };
  try {
    await deps.temporal.workflow.start<typeof forwardReply>(workflowTypes.forwardReply, {
      taskQueue: deps.taskQueue,
      workflowId: forwardWorkflowId(input.organizationId, input.messageId),
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [input],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error; // started before: once is enough
  }
}

/** The outbox round: re-sends every entry still pending, oldest first. Returns how many were done. */
export async function retryReplyOutbox(deps: AppDeps): Promise<number> {
  const pending = await ReplyOutbox.find({}).sort({ receivedAt: 1 }).limit(200).lean();
  const { done, failure } = await deliverInOrder(deps, pending); // Temporal still away: the next round tries again
  await removeDone(done);
  const failed = pending[done.length];
  if (failure && failed)
    await ReplyOutbox.updateOne({ _id: failed._id }, { $inc: { attempts: 1 }, $set: { lastError: failure } }).catch(
      () => undefined,
    );
  return done.length;
}
