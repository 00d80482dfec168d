import type { Types } from 'mongoose';
import { WorkflowNotFoundError } from '@temporalio/client';
import { Conversation, Draft } from '@follow-ups/db';
import { sequenceWorkflowId } from '@follow-ups/domain';
import { replyReceivedSignal } from '../../../../workflows/src/definitions';
import type { AppDeps } from '../deps';
import { log } from '../log';

export const REPLY_REASON = 'reply received';
const SIGNAL_TIMEOUT_MS = 5_000;

export type AcceptedReply = {
  organization: Types.ObjectId;
  conversation: Types.ObjectId;
  messageId: string;
  from: string | null;
  receivedAt: Date;
  /** Set when resuming an interrupted delivery: drafts created later belong to a newer sequence. */
  createdBefore?: Date;
};

/**
 * The prospect answered: the conversation's pending follow-ups are discarded in MongoDB FIRST —
 * each through the draft transition lock, so a draft the sender has not claimed yet can never be
 * claimed afterwards — and only then is the sequence told. Once the webhook answers 200, nothing
 * more is sent even if Temporal never hears about it (its send activity skips discarded drafts).
 * A draft already `sending` at this instant is past the point of no return and goes out.
 */
export async function discardPendingFollowUps(reply: AcceptedReply): Promise<void> {
  const { organization, conversation, receivedAt } = reply;
  await Conversation.updateOne({ _id: conversation, organization }, { $max: { repliedAt: receivedAt, lastActivityAt: receivedAt } });
  const pending = await Draft.find(
    {
      organization,
      conversation,
      status: 'scheduled',
      // Scheduled sends stay unless they were created with `auto_followup` (Missive's semantics).
      $or: [{ kind: 'followup' }, { kind: 'scheduled_send', autoFollowup: true }],
      ...(reply.createdBefore ? { createdAt: { $lte: reply.createdBefore } } : {}),
    },
    { _id: 1 },
  ).lean();
  // A false from discardOne means another writer moved the draft first (claimed or discarded it).
  await Promise.all(pending.map((d) => Draft.discardOne(organization, d._id, REPLY_REASON)));
}

/**
 * Tells the conversation's sequence workflow, which then closes as `replied`. No sequence (or one
 * already closed) is fine; an unreachable Temporal is logged only: the drafts are already discarded.
 * When resuming (`createdBefore`), only a run started before the reply arrived is told: a sequence
 * started since then must not be stopped by an old reply.
 */
export async function signalSequence(deps: AppDeps, reply: AcceptedReply): Promise<void> {
  const workflowId = sequenceWorkflowId(String(reply.organization), String(reply.conversation));
  const payload = { messageId: reply.messageId, from: reply.from, receivedAt: reply.receivedAt.toISOString() };
  try {
    await deps.temporal.withDeadline(Date.now() + SIGNAL_TIMEOUT_MS, async () => {
      let handle = deps.temporal.workflow.getHandle(workflowId);
      if (reply.createdBefore) {
        const run = await handle.describe();
        if (run.status.name !== 'RUNNING' || run.startTime > reply.createdBefore) return;
        handle = deps.temporal.workflow.getHandle(workflowId, run.runId);
      }
      await handle.signal(replyReceivedSignal, payload);
    });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return;
    log.warn({ err: error, workflowId }, 'reply recorded and follow-ups discarded, but the sequence could not be signalled');
  }
}
