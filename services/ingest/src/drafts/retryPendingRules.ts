import { applyPendingRules } from '@follow-ups/automation';
import { Conversation, Message } from '@follow-ups/db';
import type { AppDeps } from '../deps';
import { log } from '../log';

/** How long a request waits for Temporal while running rules before leaving them to the outbox. */
export const RULES_DEADLINE_MS = 10_000;
/** Messages younger than this may still have their rules running in the request that sent them. */
const GRACE_MS = 30_000;

export const rulesDeps = (deps: AppDeps) => ({ client: deps.temporal, taskQueue: deps.taskQueue, messageIdDomain: deps.replyDomain, delayDivisor: deps.delayDivisor });

/**
 * The outbox: messages sent through the API whose outgoing rules did not finish (Temporal was
 * unreachable, or ingest stopped right after sending) get them applied now. Re-running is safe:
 * the drafts of a trigger message are reused and the sequence id is the conversation's.
 */
export async function retryPendingRules(deps: AppDeps, now = new Date()): Promise<number> {
  const pending = await Message.find({ origin: 'api', rulesPending: true, at: { $lt: new Date(now.getTime() - GRACE_MS) } }).sort({ at: 1 }).limit(50).lean();
  let applied = 0;
  for (const message of pending) {
    const conversation = await Conversation.findById(message.conversation, { team: 1 }).lean();
    try {
      await deps.temporal.withDeadline(Date.now() + RULES_DEADLINE_MS, () => applyPendingRules(rulesDeps(deps), message, conversation?.team ? String(conversation.team) : null));
      applied++;
    } catch (error) {
      log.warn({ err: error, messageId: String(message._id) }, 'outgoing rules still pending');
      break; // Temporal is probably still away: try again on the next round
    }
  }
  return applied;
}

/** Runs the outbox every `intervalMs` in the background until the returned stop function is called. */
export function startRulesOutbox(deps: AppDeps, intervalMs = 15_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    retryPendingRules(deps)
      .catch((error) => log.warn({ err: error }, 'rules outbox round failed'))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
