import { groupCommit, Message } from '@follow-ups/db';

/**
 * Clears the message's `rulesPending` mark (the rules outbox's) once its rules ran. The clears of
 * concurrent sends go together (`groupCommit`): one `update` command of one statement by `_id` each
 * (`bulkWrite`), so a burst of sends costs a few commands, not one each. Resolves once the message's
 * own statement is written; a failure leaves the mark, and the outbox re-runs the rules, which finds
 * the same drafts and sequence.
 */
export const markRulesDone: (id: unknown) => Promise<void> = groupCommit(async (ids: unknown[]) => {
  await Message.bulkWrite(
    ids.map((_id) => ({ updateOne: { filter: { _id }, update: { $set: { rulesPending: false } } } })),
    { ordered: false },
  );
  return ids.map(() => ({ ok: true as const, value: undefined }));
});
