import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../deploy/local/ports';
import { serviceEnv } from './serviceEnv';
import type { TestApp } from './testApp';
import { eventually } from './testWorker';

const root = path.resolve(__dirname, '../..');

export type IngestProcess = {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  kill: () => Promise<void>;
  stop: () => Promise<void>;
  output: () => string;
};

/** `VmRSS` / `VmHWM` (peak resident set) of a process, in bytes, from /proc (Linux). */
export function residentBytes(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** Resets a process's peak resident set (VmHWM) to its current one. */
export const resetPeak = (pid: number) => writeFileSync(`/proc/${pid}/clear_refs`, '5');

/**
 * The real ingest service (services/ingest/src/main.ts, with its background outboxes) as a
 * separate process on a free port, against the test app's database, Temporal and sink.
 * Resolves once /healthz answers.
 */
export async function startIngestProcess(
  testApp: TestApp,
  env: NodeJS.ProcessEnv = {},
  options: {
    /** How node runs ingest: the TypeScript sources through tsx, or (production) its compiled JavaScript. */
    entry?: string[];
    readyTimeoutMs?: number;
  } = {},
): Promise<IngestProcess> {
  const { entry = ['--import', 'tsx', path.join(root, 'services/ingest/src/main.ts')], readyTimeoutMs = 60_000 } =
    options;
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, entry, {
    cwd: root,
    env: { ...serviceEnv(testApp), HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`ingest exited: ${output}`);
      return (await fetch(`${baseUrl}/healthz`)).status === 200 ? true : undefined;
    },
    readyTimeoutMs,
    'ingest process answering /healthz',
  );
  return {
    child,
    pid: child.pid!,
    baseUrl,
    output: () => output,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
  };
}
