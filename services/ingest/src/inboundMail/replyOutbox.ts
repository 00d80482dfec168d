import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError } from '@temporalio/client';
import { isDuplicateKeyError, ReplyOutbox, type ReplyOutboxDoc } from '@follow-ups/db';
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

/**
 * Tells the conversation's sequence workflow, which then closes as `replied`. Written to the
 * outbox first: a reply accepted while Temporal is away is told by `retryReplyOutbox` later
 * (the drafts are already discarded either way).
 */
export function signalSequence(deps: AppDeps, reply: ReplyWork): Promise<boolean> {
  const workflowId = sequenceWorkflowId(String(reply.organization), String(reply.conversation));
  return enqueue(deps, { _id: `signal ${workflowId} ${reply.messageId}`, kind: 'signal', ...fields(reply) });
}

/**
 * Passes an out-of-office reply to the conversation's sequence, whose rule's policy then pauses it
 * until the return date, ignores it or stops it. Through the outbox like a reply: a Temporal outage
 * or a crash delays the pause, never loses it; no sequence running means nothing to do.
 */
export function signalOutOfOffice(deps: AppDeps, reply: ReplyWork, returnDate: string | null): Promise<boolean> {
  const workflowId = sequenceWorkflowId(String(reply.organization), String(reply.conversation));
  return enqueue(deps, {
    _id: `out_of_office ${workflowId} ${reply.messageId}`,
    kind: 'out_of_office',
    ...fields(reply),
    returnDate: returnDate ?? undefined,
  });
}

/** Starts the durable forward of a received Message to whoever must see it (README "Where replies go"). */
export function forwardReceived(deps: AppDeps, reply: ReplyWork): Promise<boolean> {
  return enqueue(deps, {
    _id: `forward ${forwardWorkflowId(String(reply.organization), reply.messageId)}`,
    kind: 'forward',
    ...fields(reply),
  });
}

const fields = (reply: ReplyWork) => ({
  organization: reply.organization,
  conversation: reply.conversation,
  messageId: reply.messageId,
  from: reply.from ?? undefined,
  receivedAt: reply.receivedAt,
  startedBefore: reply.createdBefore,
});

async function enqueue(deps: AppDeps, entry: Entry): Promise<boolean> {
  await ReplyOutbox.create(entry).catch((error: unknown) => {
    if (!isDuplicateKeyError(error)) throw error; // a repeated delivery: the entry is already there
  });
  if ((awayUntil.get(deps.temporal) ?? 0) > Date.now()) return false; // Temporal just failed: the outbox round tells it
  return deliver(deps, entry);
}

/** One attempt; true when the entry is done (Temporal took it, or there was nothing to do) and removed. */
async function deliver(deps: AppDeps, entry: Entry): Promise<boolean> {
  try {
    await deps.temporal.withDeadline(Date.now() + TEMPORAL_TIMEOUT_MS, () =>
      entry.kind === 'forward' ? startForward(deps, entry) : signal(deps, entry),
    );
    awayUntil.delete(deps.temporal);
  } catch (error) {
    awayUntil.set(deps.temporal, Date.now() + AWAY_MS);
    log.warn({ err: error, entry: entry._id }, 'reply recorded; Temporal will be told when it answers');
    await ReplyOutbox.updateOne(
      { _id: entry._id },
      { $inc: { attempts: 1 }, $set: { lastError: (error as Error).message } },
    ).catch(() => undefined);
    return false;
  }
  // Temporal took it; a failed clean-up (a busy database) only means the next round repeats it, harmlessly.
  await ReplyOutbox.deleteOne({ _id: entry._id }).catch((error: unknown) =>
    log.warn({ err: error, entry: entry._id }, 'reply outbox entry left for the next round'),
  );
  return true;
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
  let done = 0;
  for (const entry of pending) {
    if (await deliver(deps, entry)) done++;
    else break; // Temporal is still away: the next round tries again
  }
  return done;
}
