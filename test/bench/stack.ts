// The benchmark's own servers: Temporal dev server and FerretDB on free ports, the in-process
// SendGrid sink, the ingest app (buildApp) listening on a free port, and worker services.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { temporalDataConverterFromEnv } from '@follow-ups/config';
import { disconnectDb, ensureIndexes } from '@follow-ups/db';
import { createSendGridMailer } from '@follow-ups/mailer';
import { buildSinkApp, SentMailStore } from '@follow-ups/sendgrid-sink';
import { startInfrastructure, type Infrastructure } from '../../deploy/local/infrastructure';
import { buildApp, NO_RATE_LIMIT, type AppDeps } from '@follow-ups/ingest';
import { leanWorkflowBundle } from '@follow-ups/worker';
import { progress, sleep } from './measure';
import { workflowsPath } from '@follow-ups/workflows';

const root = path.resolve(__dirname, '../..');
/** `BENCH_CPU_PROFILE_DIR`: the worker writes a V8 CPU profile there when it exits (`node --cpu-prof`). */
const cpuProfileArgs = () =>
  process.env.BENCH_CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`] : [];
export const REPLY_DOMAIN = 'reply.bench.test';
export const REPLY_SECRET = 'bench-reply-token-secret';
export const WEBHOOK_SECRET = 'bench-inbound-webhook-secret';

const listen = (app: { listen: (port: number, host: string, cb: () => void) => Server }) =>
  new Promise<{ server: Server; url: string }>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });

export type WorkerService = {
  pid: number;
  stop: () => Promise<void>;
  output: () => string;
  /** The worker's MongoDB commands (by command, collection and filter keys), once stopped. */
  commands: () => Array<[string, { count: number; ms: number }]>;
};

export type BenchStack = {
  infra: Infrastructure;
  client: Client;
  sink: SentMailStore;
  sinkUrl: string;
  bundlePath: string;
  /** Connects the models (and the app) to database `db` and serves the ingest app; close before the next. */
  openDatabase: (db: string, taskQueue: string) => Promise<{ deps: AppDeps; url: string; close: () => Promise<void> }>;
  /** The real worker service (services/worker/src/main.ts, through workerEntry.ts) as a child process, on `taskQueue` and database `db`. */
  startWorker: (db: string, taskQueue: string, env?: Record<string, string>) => Promise<WorkerService>;
  pids: () => Record<string, number | undefined>;
  stop: () => Promise<void>;
};

/** What the benchmark can run FerretDB on: the two backends, and SQLite with FerretDB's own pragmas only. */
export const BENCH_BACKENDS = ['sqlite', 'postgres', 'sqlite-stock', 'postgres-stock'] as const;
export type BenchBackend = (typeof BENCH_BACKENDS)[number];

let bundleCode: Promise<string> | undefined;
const workflowBundle = () =>
  (bundleCode ??= bundleWorkflowCode({
    workflowsPath,
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error } as never,
  }).then((b) => leanWorkflowBundle(b.code)));

export async function startBenchStack(backend: BenchBackend): Promise<BenchStack> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'follow-ups-bench-'));
  // Our own servers on free ports, whatever the shell points at.
  // The -stock variants: FerretDB's own pragmas (SQLite), FerretDB's own indexes only (PostgreSQL).
  const stock = {
    'sqlite-stock': { FOLLOW_UPS_SQLITE_PRAGMAS: '' },
    'postgres-stock': { FOLLOW_UPS_PG_GIN_INDEXES: '0' },
  } as Record<string, object>;
  const env = { ...process.env, TEMPORAL_ADDRESS: '', MONGODB_URI: '', ...stock[backend] };
  const infra = await startInfrastructure({
    stateDir,
    persistent: false,
    env,
    backend: backend.startsWith('postgres') ? 'postgres' : 'sqlite',
  });
  progress(`Temporal ${infra.temporalAddress}, FerretDB on ${backend} ${infra.mongodbUri} (state in ${stateDir})`);
  const bundlePath = path.join(stateDir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, await workflowBundle());
  const client = new Client({
    connection: await Connection.connect({ address: infra.temporalAddress }),
    namespace: 'default',
    dataConverter: temporalDataConverterFromEnv(),
  });
  const sink = new SentMailStore();
  const sinkServer = await listen(buildSinkApp(sink));
  const uriFor = (db: string) => infra.mongodbUri.replace(/\/[^/]*$/, `/${db}`);
  const workers = new Set<WorkerService>();

  return {
    infra,
    client,
    sink,
    sinkUrl: sinkServer.url,
    bundlePath,
    async openDatabase(db, taskQueue) {
      // connectDb's options plus command monitoring, for the profile of the ingest phases.
      await mongoose.connect(uriFor(db), { serverSelectionTimeoutMS: 5000, autoIndex: true, monitorCommands: true });
      await ensureIndexes();
      await infra.mirrorIndexes(); // before the preloads, not up to 5 s later
      const deps: AppDeps = {
        temporal: client,
        taskQueue,
        mailer: createSendGridMailer({ apiKey: 'SG.bench', baseUrl: sinkServer.url }),
        replyDomain: REPLY_DOMAIN,
        replyTokenSecret: REPLY_SECRET,
        inboundWebhookSecret: WEBHOOK_SECRET,
        rateLimits: { address: NO_RATE_LIMIT, token: NO_RATE_LIMIT }, // the bench measures throughput, not the limits
        pingMongo: async () => (await mongoose.connection.db?.admin().ping())?.ok === 1,
      };
      const app = await listen(buildApp(deps));
      return {
        deps,
        url: app.url,
        async close() {
          await new Promise((r) => app.server.close(r));
          await disconnectDb();
        },
      };
    },
    async startWorker(db, taskQueue, extraEnv = {}) {
      let output = '';
      const profileFile = path.join(stateDir, `worker-commands-${taskQueue}.json`);
      const child: ChildProcess = spawn(
        process.execPath,
        [...cpuProfileArgs(), '--import', 'tsx', path.join(__dirname, 'workerEntry.ts')],
        {
          cwd: root,
          env: {
            ...process.env,
            TEMPORAL_ADDRESS: infra.temporalAddress,
            MONGODB_URI: uriFor(db),
            TEMPORAL_TASK_QUEUE: taskQueue,
            SENDGRID_API_KEY: 'SG.bench',
            SENDGRID_BASE_URL: sinkServer.url,
            INBOUND_REPLY_DOMAIN: REPLY_DOMAIN,
            REPLY_TOKEN_SECRET: REPLY_SECRET,
            FOLLOWUPS_WORKFLOW_BUNDLE: bundlePath,
            LOG_LEVEL: 'info',
            BENCH_PROFILE_FILE: profileFile,
            ...extraEnv,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
      child.stdout!.on('data', keep);
      child.stderr!.on('data', keep);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const service: WorkerService = {
        pid: child.pid!,
        output: () => output,
        commands: () => (fs.existsSync(profileFile) ? JSON.parse(fs.readFileSync(profileFile, 'utf8')) : []),
        async stop() {
          workers.delete(service);
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(forced);
        },
      };
      workers.add(service);
      for (let waited = 0; !output.includes('"msg":"polling"'); waited += 100) {
        if (child.exitCode !== null || waited > 60_000)
          throw new Error(`worker did not start:\n${output.slice(-3000)}`);
        await sleep(100);
      }
      return service;
    },
    pids: () => ({
      temporal: infra.started.find((p) => p.name.toLowerCase().includes('temporal'))?.child.pid,
      ferretdb: infra.started.find((p) => p.name.toLowerCase().includes('ferret'))?.child.pid,
      ...(infra.backend === 'postgres'
        ? { postgres: infra.started.find((p) => p.name === 'postgres')?.child.pid }
        : {}),
      bench: process.pid,
    }),
    async stop() {
      for (const w of [...workers]) await w.stop();
      await client.connection.close();
      await new Promise((r) => sinkServer.server.close(r));
      await infra.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
