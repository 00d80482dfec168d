import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateStage, type Client } from '@temporalio/client';
import type { Types } from 'mongoose';
import {
  countSuppression,
  Draft,
  LiveDraft,
  Message,
  Suppression,
  type SuppressionReason,
  type SuppressionSource,
} from '@follow-ups/db';
import { normalizeAddress, sequenceConversationId, sequenceWorkflowId } from '@follow-ups/domain';
import { quoteQueryValue as quote, searchAttributes as keys, stopUpdate, workflowTypes } from '@follow-ups/workflows';

export type SuppressDeps = { client: Client; log?: { warn: (obj: object, msg: string) => void } };
export type SuppressOutcome = { added: boolean; draftsDiscarded: number; sequencesStopped: string[] };

/** How long a stop may wait for a worker to accept it: the drafts are already discarded by then. */
const STOP_DEADLINE_MS = 5_000;

/**
 * Puts the address on the organization's suppression list, then discards every scheduled draft to
 * it with the reason (in MongoDB first, so none can be claimed for sending any more) and stops the
 * conversations' running sequences. Safe to repeat: each step is idempotent.
 */
export async function suppressAndStop(
  deps: SuppressDeps,
  organizationId: string,
  address: string,
  reason: SuppressionReason,
  options: { source?: SuppressionSource; detail?: string } = {},
): Promise<SuppressOutcome> {
  const added = await Suppression.suppress({
    organization: organizationId,
    address,
    reason,
    source: options.source ?? 'api',
    detail: options.detail,
  });
  const drafts = await scheduledDraftsTo(organizationId, normalizeAddress(address));
  let draftsDiscarded = 0;
  for (const draft of drafts) if (await Draft.discardOne(organizationId, draft._id, reason)) draftsDiscarded++;
  const conversations = new Set([
    ...drafts.filter((d) => d.kind === 'followup').map((d) => String(d.conversation)),
    ...(await runningSequencesTo(deps.client, organizationId, normalizeAddress(address))),
  ]);
  const counted = COUNTED_AS[reason];
  if (counted)
    for (const conversation of conversations) await countSuppression(organizationId, conversation, counted, new Date());
  const sequencesStopped: string[] = [];
  for (const conversation of conversations) {
    if (await stopSequence(deps, sequenceWorkflowId(organizationId, conversation), reason))
      sequencesStopped.push(conversation);
  }
  return { added, draftsDiscarded, sequencesStopped };
}

/** The step counter (docs/analytics.md) a suppression of a sequence's recipient lands in. */
const COUNTED_AS: Partial<Record<SuppressionReason, 'bounces' | 'unsubscribes'>> = {
  bounced: 'bounces',
  dropped: 'bounces',
  unsubscribed: 'unsubscribes',
};

type ScheduledDraft = { _id: Types.ObjectId; kind: string; conversation: Types.ObjectId };

/** Scheduled sends written to the address, and follow-ups whose initial mail went to it (to or cc). */
async function scheduledDraftsTo(organization: string, address: string): Promise<ScheduledDraft[]> {
  // Through LiveDraft: the drafts that may still be sent, not every draft the organization ever had.
  const live = await LiveDraft.find({ organization }, { _id: 1 }).lean();
  if (!live.length) return [];
  const scheduled = await Draft.find(
    { _id: { $in: live.map((d) => d._id) }, organization, status: 'scheduled' },
    { kind: 1, conversation: 1, triggerMessage: 1, content: 1 },
  ).lean();
  const triggerIds = [
    ...new Set(scheduled.filter((d) => d.kind === 'followup' && d.triggerMessage).map((d) => String(d.triggerMessage))),
  ];
  const triggers = triggerIds.length
    ? await Message.find({ _id: { $in: triggerIds }, organization }, { to: 1, cc: 1 }).lean()
    : [];
  const mailsIt = (list: { address: string }[] = []) => list.some((a) => normalizeAddress(a.address) === address);
  const trigger = new Set(triggers.filter((m) => mailsIt(m.to) || mailsIt(m.cc)).map((m) => String(m._id)));
  return scheduled.filter((d) =>
    d.kind === 'followup'
      ? trigger.has(String(d.triggerMessage))
      : mailsIt(d.content?.to) || mailsIt(d.content?.cc) || mailsIt(d.content?.bcc),
  );
}

/** Conversations of the organization's running sequences whose recipient is the address (Temporal visibility). */
async function runningSequencesTo(client: Client, organization: string, address: string): Promise<string[]> {
  const query = `WorkflowType = ${quote(workflowTypes.followUpSequence)} AND ExecutionStatus = 'Running' AND ${keys.organization.name} = ${quote(organization)} AND ${keys.recipient.name} = ${quote(address)}`;
  const conversations: string[] = [];
  for await (const wf of client.workflow.list({ query })) {
    const conversation = sequenceConversationId(organization, wf.workflowId);
    if (conversation !== null) conversations.push(conversation);
  }
  return conversations;
}

/** Sends the `stop` update and waits until the workflow accepted it; false if it had ended already. */
async function stopSequence(deps: SuppressDeps, workflowId: string, reason: string): Promise<boolean> {
  try {
    await deps.client.withDeadline(Date.now() + STOP_DEADLINE_MS, () =>
      deps.client.workflow
        .getHandle(workflowId)
        .startUpdate(stopUpdate, { args: [{ reason }], waitForStage: WorkflowUpdateStage.ACCEPTED }),
    );
    return true;
  } catch (error) {
    // Ended, or already closing (the validator refuses a second stop).
    if (error instanceof WorkflowNotFoundError || error instanceof WorkflowUpdateFailedError) return false;
    // No worker in time: the drafts are discarded already, so nothing more can be sent.
    deps.log?.warn({ err: error, workflowId }, 'sequence not stopped after suppression');
    return false;
  }
}
