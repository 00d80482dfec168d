import type { ManagedProcess } from '../processes';

/** A process of the cluster that can be killed (SIGKILL, as when its machine dies) and started again. */
export type Restartable<T extends ManagedProcess> = {
  name: string;
  current: () => T;
  pid: () => number | undefined;
  /** SIGKILL, resolves once it has exited. */
  kill: () => Promise<void>;
  /** Starts it again (after `kill`), resolves once it is ready. */
  restart: () => Promise<T>;
  stop: () => Promise<void>;
};

/** Starts `launch()` (which resolves once the process is ready) and keeps it restartable. */
export async function restartable<T extends ManagedProcess>(
  name: string,
  launch: () => Promise<T>,
): Promise<Restartable<T>> {
  let proc = await launch();
  return {
    name,
    current: () => proc,
    pid: () => proc.child.pid,
    kill: () => killNow(proc),
    restart: async () => {
      await killNow(proc);
      proc = await launch();
      return proc;
    },
    stop: () => proc.stop(),
  };
}

async function killNow(proc: ManagedProcess): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.child.once('exit', () => resolve()));
  proc.child.kill('SIGKILL');
  await exited;
}
