import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { serviceEnv } from './serviceEnv';
import type { TestApp } from './testApp';

const root = path.resolve(__dirname, '../..');

/** The real worker service (services/worker/src/main.ts) as a separate process, so a test can kill it. */
export function startWorkerProcess(
  testApp: TestApp,
  env: NodeJS.ProcessEnv = {},
  /** How node runs the worker: the TypeScript sources through tsx, or (production) its compiled JavaScript. */
  entry: string[] = ['--import', 'tsx', path.join(root, 'services/worker/src/main.ts')],
): {
  child: ChildProcess;
  kill: () => Promise<void>;
  output: () => string;
  ready: (timeoutMs?: number) => Promise<void>;
} {
  let output = '';
  const child = spawn(process.execPath, entry, {
    cwd: root,
    env: { ...serviceEnv(testApp), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    /** Resolves once the worker polls its task queue (the SDK logs its state as RUNNING). */
    ready: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!/state: 'RUNNING'/.test(output)) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`worker did not start: ${output.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** SIGKILL: no graceful shutdown, as when a machine dies. */
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
