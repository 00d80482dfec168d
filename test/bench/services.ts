// The real services (worker, ingest) as child processes of the benchmark: their own CPU, their MongoDB
// commands counted in them (childCommandProfile.ts) and read over IPC, a V8 CPU profile on request.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Entry } from '../helpers/commandProfile';
import { COMMANDS_MESSAGE } from './childCommandProfile';
import { sleep } from './measure';

const root = path.resolve(__dirname, '../..');

export type Commands = Array<[string, Entry]>;

export type ServiceProcess = {
  pid: number;
  stop: () => Promise<void>;
  output: () => string;
  /** The service's MongoDB commands so far (by command, collection and filter keys), cumulative. */
  commands: () => Promise<Commands>;
};

/** Where the CPU profiles of this run went (`BENCH_CPU_PROFILE_DIR`), one directory per process. */
export const cpuProfileDirs: string[] = [];

/** `BENCH_CPU_PROFILE_DIR`: the service writes a V8 CPU profile (one file per thread) into dir/`label` when it exits. */
function cpuProfileArgs(label: string): string[] {
  const base = process.env.BENCH_CPU_PROFILE_DIR;
  if (!base) return [];
  const dir = path.resolve(base, label);
  cpuProfileDirs.push(dir);
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

/**
 * Starts `entry` (a .ts file beside this one) with tsx, `env` on top of this process's, and resolves
 * once `ready(output)` answers true (the child's exit or `readyTimeoutMs` rejects).
 */
export async function startService(options: {
  entry: string;
  label: string;
  env: Record<string, string>;
  ready: (output: string) => boolean | Promise<boolean>;
  readyTimeoutMs?: number;
  /** Node flags before the entry (the worker's `WORKER_NODE_FLAGS`, as it is deployed). */
  nodeFlags?: readonly string[];
}): Promise<ServiceProcess> {
  let output = '';
  const child = spawn(
    process.execPath,
    [
      ...cpuProfileArgs(options.label),
      ...(options.nodeFlags ?? []),
      '--import',
      'tsx',
      path.join(__dirname, options.entry),
    ],
    {
      cwd: root,
      env: { ...process.env, ...options.env, BENCH_COUNT_COMMANDS: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let asked = 0;
  const service: ServiceProcess = {
    pid: child.pid!,
    output: () => output,
    commands: () =>
      new Promise((resolve, reject) => {
        const id = ++asked;
        const timer = setTimeout(() => reject(new Error(`${options.label}: no command counts in 10 s`)), 10_000);
        const answer = (m: { type?: string; id?: number; entries?: Commands }) => {
          if (m?.type !== COMMANDS_MESSAGE || m.id !== id) return;
          clearTimeout(timer);
          child.off('message', answer);
          resolve(m.entries ?? []);
        };
        child.on('message', answer);
        child.send({ type: COMMANDS_MESSAGE, id });
      }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(forced);
    },
  };
  const began = Date.now();
  while (!(await options.ready(output))) {
    if (child.exitCode !== null || Date.now() - began > (options.readyTimeoutMs ?? 60_000)) {
      await service.stop();
      throw new Error(`${options.label} did not start:\n${output.slice(-3000)}`);
    }
    await sleep(100);
  }
  return service;
}

/** The CPU profiles written into the directories of `cpuProfileDirs`. */
export const cpuProfileFiles = () =>
  cpuProfileDirs.flatMap((dir) =>
    fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [`${dir} (nothing written)`],
  );
