import { isGrpcDeadlineError, isGrpcServiceError } from '@temporalio/client';
import { applyPendingRules } from '@follow-ups/automation';
import { Conversation, Message, type MessageDoc } from '@follow-ups/db';
import { everyInterval } from '../background';
import type { AppDeps } from '../deps';
import { log } from '../log';

/** How long a request waits for Temporal while running rules before leaving them to the outbox. */
export const RULES_DEADLINE_MS = 10_000;
/** Messages younger than this may still have their rules running in the request that sent them. */
const GRACE_MS = 30_000;
const PING_DEADLINE_MS = 3000;
/** Work of one round: messages in all, and per organization (a backlog cannot starve the others). */
export const OUTBOX_ROUND_LIMIT = 50;
export const OUTBOX_PER_ORGANIZATION = 5;
/** A message whose rules fail is retried after 30 s, 1 min, 2 min, … at most 6 h apart, 12 times. */
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 6 * 3_600_000;
export const OUTBOX_MAX_ATTEMPTS = 12;

export const rulesDeps = (deps: AppDeps) => ({
  client: deps.temporal,
  taskQueue: deps.taskQueue,
  messageIdDomain: deps.replyDomain,
  delayDivisor: deps.delayDivisor,
});

export type OutboxRound = {
  /** Messages whose rules ran. */
  applied: number;
  /** Messages skipped after a failure of their own, each retried later (or given up). */
  failed: number;
  /** True when Temporal could not be reached: the round stopped, the rest waits for the next. */
  temporalUnreachable: boolean;
};

const UNREACHABLE_GRPC_CODES = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);

/** Temporal (not the message) is the problem: the error or one of its causes is a gRPC timeout or outage. */
export function isTemporalUnreachable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isGrpcDeadlineError(e) || (isGrpcServiceError(e) && UNREACHABLE_GRPC_CODES.has(e.code))) return true;
  }
  return false;
}

/** A quick ping before a round, so an outage costs seconds, not one rules deadline per round. */
async function temporalAnswers(deps: AppDeps): Promise<boolean> {
  try {
    await deps.temporal.withDeadline(Date.now() + PING_DEADLINE_MS, () =>
      deps.temporal.workflowService.getSystemInfo({}),
    );
    return true;
  } catch (error) {
    log.warn({ err: error }, 'outgoing rules still pending: Temporal is unreachable');
    return false;
  }
}

const backoffMs = (attempts: number) => Math.min(BACKOFF_BASE_MS * 2 ** (attempts - 1), BACKOFF_MAX_MS);

/** The pending messages of each organization, oldest first, at most `OUTBOX_PER_ORGANIZATION` each. */
async function pendingByOrganization(now: Date): Promise<MessageDoc[][]> {
  const due = {
    origin: { $in: ['api', 'mailbox'] },
    rulesPending: true,
    at: { $lt: new Date(now.getTime() - GRACE_MS) },
    $or: [{ rulesRetryAt: { $exists: false } }, { rulesRetryAt: { $lte: now } }],
  };
  const found = await Message.distinct('organization', due);
  // Start at a random organization, so the round limit does not always serve the same ones first.
  const start = Math.floor(Math.random() * found.length);
  const organizations = [...found.slice(start), ...found.slice(0, start)];
  const batches: MessageDoc[][] = [];
  let planned = 0;
  for (const organization of organizations) {
    if (planned >= OUTBOX_ROUND_LIMIT) break;
    const limit = Math.min(OUTBOX_PER_ORGANIZATION, OUTBOX_ROUND_LIMIT - planned);
    const batch = await Message.find({ ...due, organization })
      .sort({ at: 1 })
      .limit(limit)
      .lean();
    planned += batch.length;
    batches.push(batch);
  }
  return batches;
}

/** Records why the message's rules failed and when to try again; gives up after `OUTBOX_MAX_ATTEMPTS`. */
async function skipMessage(message: MessageDoc, error: unknown, now: Date): Promise<void> {
  const attempts = (message.rulesAttempts ?? 0) + 1;
  const reason = error instanceof Error ? error.message : String(error);
  const givenUp = attempts >= OUTBOX_MAX_ATTEMPTS;
  const retryAt = new Date(now.getTime() + backoffMs(attempts));
  await Message.updateOne(
    { _id: message._id },
    givenUp
      ? {
          $set: {
            rulesPending: false,
            rulesAttempts: attempts,
            rulesError: `gave up after ${attempts} attempts: ${reason}`,
          },
          $unset: { rulesRetryAt: 1 },
        }
      : { $set: { rulesAttempts: attempts, rulesError: reason, rulesRetryAt: retryAt } },
  );
  const context = { err: error, messageId: String(message._id), organization: String(message.organization), attempts };
  if (givenUp) log.error(context, 'outgoing rules of this message failed too often: given up');
  else log.warn({ ...context, retryAt }, 'outgoing rules of this message failed: skipped, retried later');
}

/**
 * The outbox: messages sent through the API whose outgoing rules did not finish (Temporal was
 * unreachable, or ingest stopped right after sending) get them applied now. Re-running is safe:
 * the drafts of a trigger message are reused and the sequence id is the conversation's.
 * A message that fails on its own (a rule whose data cannot make a valid plan, say) is skipped
 * with its reason and retried with backoff; the other messages and organizations go on.
 */
export async function retryPendingRules(deps: AppDeps, now = new Date()): Promise<OutboxRound> {
  const round: OutboxRound = { applied: 0, failed: 0, temporalUnreachable: false };
  const batches = await pendingByOrganization(now);
  if (batches.length && !(await temporalAnswers(deps))) return { ...round, temporalUnreachable: true };
  for (const batch of batches) {
    for (const message of batch) {
      const conversation = await Conversation.findById(message.conversation, { team: 1 }).lean();
      try {
        await deps.temporal.withDeadline(Date.now() + RULES_DEADLINE_MS, () =>
          applyPendingRules(rulesDeps(deps), message, conversation?.team ? String(conversation.team) : null),
        );
        if (message.rulesError)
          await Message.updateOne({ _id: message._id }, { $unset: { rulesError: 1, rulesRetryAt: 1 } });
        round.applied++;
      } catch (error) {
        if (isTemporalUnreachable(error)) {
          log.warn(
            { err: error, messageId: String(message._id) },
            'outgoing rules still pending: Temporal is unreachable',
          );
          round.temporalUnreachable = true;
          return round; // nothing is wrong with the messages: all of them wait for the next round
        }
        await skipMessage(message, error, now);
        round.failed++;
      }
    }
  }
  return round;
}

/** Runs the outbox every `intervalMs` in the background until the returned stop function is called. */
export function startRulesOutbox(deps: AppDeps, intervalMs = 15_000): () => void {
  return everyInterval('rules outbox', () => retryPendingRules(deps), intervalMs);
}
