import { groupUpdate, Message } from '@follow-ups/db';

/**
 * Clears the message's `rulesPending` mark (the rules outbox's) once its rules ran. The clears of
 * concurrent sends go together (`groupUpdate`): one `update` command of one statement by `_id` each,
 * so a burst of sends costs a few commands, not one each. Resolves once the message's own statement
 * is written; a failure leaves the mark, and the outbox re-runs the rules, which finds the same
 * drafts and sequence.
 */
export async function markRulesDone(id: unknown): Promise<void> {
  await groupUpdate(Message, { _id: id }, { $set: { rulesPending: false } });
}
