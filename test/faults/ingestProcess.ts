import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../deploy/local/ports';
import { TEST_REPLY_DOMAIN, TEST_REPLY_SECRET, TEST_WEBHOOK_SECRET, type TestApp } from '../helpers/testApp';
import { eventually } from '../helpers/testWorker';

const root = path.resolve(__dirname, '../..');

export type IngestProcess = { child: ChildProcess; baseUrl: string; kill: () => Promise<void>; stop: () => Promise<void>; output: () => string };

/**
 * The real ingest service (services/ingest/src/main.ts, with its background outboxes) as a
 * separate process on a free port, against the test app's database, Temporal and sink.
 * Resolves once /healthz answers.
 */
export async function startIngestProcess(testApp: TestApp): Promise<IngestProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'services/ingest/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
      MONGODB_URI: testApp.mongodbUri,
      TEMPORAL_TASK_QUEUE: testApp.deps.taskQueue,
      SENDGRID_API_KEY: 'SG.test',
      SENDGRID_BASE_URL: testApp.sinkUrl,
      INBOUND_REPLY_DOMAIN: TEST_REPLY_DOMAIN,
      REPLY_TOKEN_SECRET: TEST_REPLY_SECRET,
      INBOUND_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      FOLLOWUPS_DELAY_DIVISOR: String(testApp.deps.delayDivisor ?? 1),
      HOST: '127.0.0.1',
      PORT: String(port),
    },
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
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`ingest exited: ${output}`);
    return (await fetch(`${baseUrl}/healthz`)).status === 200 ? true : undefined;
  }, 60_000, 'ingest process answering /healthz');
  return { child, baseUrl, output: () => output, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
