import type { Logger } from 'pino';

export type RetryOptions = { firstDelayMs?: number; maxDelayMs?: number; sleep?: (ms: number) => Promise<void> };

/**
 * Start-up of a service whose dependency (MongoDB, Temporal) may not be up yet: tries `connect`
 * until it succeeds, waiting 0.5 s, 1 s, 2 s … (at most 30 s) between attempts and logging each
 * failure, instead of exiting and leaving the service down.
 */
export async function retryUntilReady<T>(
  what: string,
  connect: () => Promise<T>,
  log: Logger,
  options: RetryOptions = {},
): Promise<T> {
  const { firstDelayMs = 500, maxDelayMs = 30_000, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) } = options;
  for (let attempt = 1, delay = firstDelayMs; ; attempt++, delay = Math.min(delay * 2, maxDelayMs)) {
    try {
      return await connect();
    } catch (error) {
      log.warn({ err: error, attempt, retryInMs: delay }, `${what} is not reachable yet`);
      await sleep(delay);
    }
  }
}
