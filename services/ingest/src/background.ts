import { log } from './log';

/**
 * Runs `round` every `intervalMs` in the background (never two rounds at once) until the returned
 * stop function is called. A failed round is logged; the next one tries again.
 */
export function everyInterval(name: string, round: () => Promise<unknown>, intervalMs = 15_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    round()
      .catch((error) => log.warn({ err: error }, `${name} round failed`))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
