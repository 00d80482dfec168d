import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export type ManagedProcess = { name: string; child: ChildProcess; stop: () => Promise<void>; logFile?: string };

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
  return { name, child, stop, logFile: options.logFile };
}

/** A child that exited while we waited for it: `waitUntil` gives up at once instead of at its deadline. */
export class ProcessExited extends Error {}

/** Throws `ProcessExited` (with the end of its log) if the process died while we were waiting for it. */
export function assertAlive(proc: ManagedProcess): void {
  const code = proc.child.exitCode ?? proc.child.signalCode;
  if (code === null) return;
  throw new ProcessExited(
    `${proc.name} exited (${code})${proc.logFile ? `; end of ${proc.logFile}:\n${logTail(proc.logFile)}` : ''}`,
  );
}

function logTail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n').slice(-4000);
  } catch {
    return '(no log)';
  }
}
