import { Context } from '@temporalio/activity';

const EVERY_MS = 2_000;

/**
 * Runs `work` while telling Temporal every 2 s that this worker is alive, so that a send cut off by
 * a dead worker is retried after the workflow's heartbeat timeout (20 s) instead of its 1-minute
 * start-to-close timeout. Outside an activity (tests calling the factory directly) it just runs.
 */
export async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return work();
  }
  // A local activity (a follow-up's send) has no heartbeat: the workflow task it runs in is kept alive by the SDK.
  if (context.info.isLocal) return work();
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
