import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export type ManagedProcess = { name: string; child: ChildProcess; stop: () => Promise<void> };

/** Starts a long-running child whose output goes to `logFile` (or inherits when absent). */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: {
    logFile?: string;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    uid?: number;
    gid?: number;
    stopSignal?: NodeJS.Signals;
  } = {},
): ManagedProcess {
  const out = options.logFile ? fs.openSync(options.logFile, 'a') : 'inherit';
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    uid: options.uid,
    gid: options.gid,
    stdio: ['ignore', out, out],
  });
  child.once('exit', (code, signal) => {
    if (!stopping && code !== 0)
      console.error(`[stack] ${name} exited (${signal ?? code})${options.logFile ? `, see ${options.logFile}` : ''}`);
  });
  let stopping = false;
  const stop = () =>
    new Promise<void>((resolve) => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill(options.stopSignal ?? 'SIGTERM');
    });
  return { name, child, stop };
}

/** Throws if the process died while we were waiting for it. */
export function assertAlive(proc: ManagedProcess): void {
  if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited with code ${proc.child.exitCode}`);
}
