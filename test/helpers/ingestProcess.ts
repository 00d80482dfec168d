import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { TEST_REPLY_DOMAIN, TEST_REPLY_SECRET, TEST_WEBHOOK_SECRET, type TestApp } from './testApp';

const root = path.resolve(__dirname, '../..');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** `VmRSS` / `VmHWM` (peak resident set) of a process, in bytes, from /proc (Linux). */
export function residentBytes(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** Resets a process's peak resident set (VmHWM) to its current one. */
export const resetPeak = (pid: number) => writeFileSync(`/proc/${pid}/clear_refs`, '5');

/** The real ingest service (services/ingest/src/main.ts) as a separate process on a free port. */
export async function startIngestProcess(testApp: TestApp) {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'services/ingest/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      MONGODB_URI: testApp.mongodbUri,
      TEMPORAL_TASK_QUEUE: testApp.deps.taskQueue,
      SENDGRID_API_KEY: 'SG.test',
      SENDGRID_BASE_URL: testApp.sinkUrl,
      INBOUND_REPLY_DOMAIN: TEST_REPLY_DOMAIN,
      REPLY_TOKEN_SECRET: TEST_REPLY_SECRET,
      INBOUND_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    const up = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (up) break;
    if (attempt > 100 || child.exitCode !== null) throw new Error(`ingest did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
