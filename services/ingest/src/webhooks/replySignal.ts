import { WorkflowNotFoundError } from '@temporalio/client';
import { isDuplicateKeyError, PendingReplySignal, type PendingReplySignalDoc } from '@follow-ups/db';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { replyReceivedSignal } from '../../../../workflows/src/definitions';
import type { AppDeps } from '../deps';
import { log } from '../log';
import type { AcceptedReply } from './acceptReply';

const SIGNAL_TIMEOUT_MS = 5_000;

/**
 * Tells the conversation's sequence workflow, which then closes as `replied`. The signal is written
 * to an outbox first and removed once Temporal took it, so a reply accepted while Temporal is away
 * is told later by `retryPendingReplySignals` (the drafts are already discarded either way).
 */
export async function signalSequence(deps: AppDeps, reply: AcceptedReply): Promise<void> {
  const workflowId = sequenceWorkflowId(String(reply.organization), String(reply.conversation));
  const entry = {
    _id: `${workflowId} ${reply.messageId}`,
    organization: reply.organization,
    conversation: reply.conversation,
    messageId: reply.messageId,
    from: reply.from ?? undefined,
    receivedAt: reply.receivedAt,
    startedBefore: reply.createdBefore,
  };
  await PendingReplySignal.create(entry).catch((error: unknown) => {
    if (!isDuplicateKeyError(error)) throw error; // a repeated delivery: the entry is already there
  });
  await deliverReplySignal(deps, entry);
}

/** One attempt; true when the entry is done (told, or nothing to tell) and removed. */
export async function deliverReplySignal(deps: AppDeps, entry: Omit<PendingReplySignalDoc, 'attempts' | 'lastError' | 'createdAt' | 'updatedAt'>): Promise<boolean> {
  const workflowId = sequenceWorkflowId(String(entry.organization), String(entry.conversation));
  const payload = { messageId: entry.messageId, from: entry.from ?? null, receivedAt: entry.receivedAt.toISOString() };
  try {
    await deps.temporal.withDeadline(Date.now() + SIGNAL_TIMEOUT_MS, async () => {
      let handle = deps.temporal.workflow.getHandle(workflowId);
      // A run started after the reply arrived (or a finished one) is not this reply's business.
      const run = await handle.describe();
      if (run.status.name !== 'RUNNING' || run.startTime > (entry.startedBefore ?? entry.receivedAt)) return;
      handle = deps.temporal.workflow.getHandle(workflowId, run.runId);
      await handle.signal(replyReceivedSignal, payload);
    });
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) {
      log.warn({ err: error, workflowId }, 'reply recorded and follow-ups discarded; the sequence will be told when Temporal answers');
      await PendingReplySignal.updateOne({ _id: entry._id }, { $inc: { attempts: 1 }, $set: { lastError: (error as Error).message } });
      return false;
    }
  }
  await PendingReplySignal.deleteOne({ _id: entry._id });
  return true;
}

/** The outbox round: re-sends every signal still pending. Returns how many were delivered. */
export async function retryPendingReplySignals(deps: AppDeps): Promise<number> {
  const pending = await PendingReplySignal.find({}).sort({ receivedAt: 1 }).limit(200).lean();
  let delivered = 0;
  for (const entry of pending) {
    if (await deliverReplySignal(deps, entry)) delivered++;
    else break; // Temporal is still away: the next round tries again
  }
  return delivered;
}
