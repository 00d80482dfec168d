import { classifyInbound, sequenceWorkflowId } from '@follow-ups/domain';
import { outOfOfficeSignal } from '@follow-ups/workflows';
import type { AppDeps } from '../deps';
import { log } from '../log';

const TEMPORAL_TIMEOUT_MS = 5_000;

/** Auto-reply and out-of-office verdict of a parsed mail (headers, subject and body wording, return date). */
export function autoReplyOf(headers: Record<string, string>, subject: string, text: string | undefined, receivedAt = new Date()) {
  const verdict = classifyInbound({ headers, subject, text: text ?? '', receivedAt });
  return { autoReply: verdict.autoReply, outOfOffice: verdict.outOfOffice ? { returnDate: verdict.returnDate } : null };
}

/**
 * Tells the conversation's sequence about an out-of-office reply; its rule's policy pauses it until
 * the return date, ignores it or stops it. Best effort: when Temporal is away the follow-ups simply
 * go on as planned, which is what happened before out-of-office pauses existed.
 */
export async function signalOutOfOffice(
  deps: AppDeps,
  reply: { organization: unknown; conversation: unknown; from: string | null; receivedAt: Date },
  returnDate: string | null,
): Promise<void> {
  const workflowId = sequenceWorkflowId(String(reply.organization), String(reply.conversation));
  try {
    await deps.temporal.withDeadline(Date.now() + TEMPORAL_TIMEOUT_MS, () =>
      deps.temporal.workflow.getHandle(workflowId).signal(outOfOfficeSignal, { receivedAt: reply.receivedAt.toISOString(), returnDate, from: reply.from }),
    );
  } catch (error) {
    log.info({ err: error, workflowId }, 'out-of-office reply not passed to the sequence (none running, or Temporal away)');
  }
}
