import type { ManagedProcess } from '../processes';
import type { Restartable } from './restartable';

/**
 * Starts again, after `delayMs`, any of `processes` that exits while the cluster runs (as a process
 * manager or Kubernetes would), so a node killed by hand comes back. Returns the stop function.
 */
export function supervise(
  processes: Restartable<ManagedProcess>[],
  onRestart: (name: string) => void,
  delayMs = 2_000,
): () => void {
  let running = true;
  const restarting = new Set<string>();
  const timer = setInterval(() => {
    for (const proc of processes) {
      const { child } = proc.current();
      if (!running || restarting.has(proc.name) || (child.exitCode === null && child.signalCode === null)) continue;
      restarting.add(proc.name);
      console.error(`[cluster] ${proc.name} exited (${child.signalCode ?? child.exitCode}): starting it again`);
      setTimeout(() => {
        if (!running) return;
        proc.restart().then(
          () => {
            restarting.delete(proc.name);
            onRestart(proc.name);
          },
          (error: Error) => {
            restarting.delete(proc.name);
            console.error(`[cluster] ${proc.name} did not come back: ${error.message}`);
          },
        );
      }, delayMs);
    }
  }, 500);
  return () => {
    running = false;
    clearInterval(timer);
  };
}
