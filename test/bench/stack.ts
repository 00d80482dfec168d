// The benchmark's own servers: Temporal dev server and FerretDB on free ports, the in-process
// SendGrid sink, and the ingest and worker services as child processes (services.ts).
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { temporalDataConverterFromEnv, WORKER_NODE_FLAGS } from '@follow-ups/config';
import { disconnectDb, ensureIndexes } from '@follow-ups/db';
import { buildSinkApp, SentMailStore } from '@follow-ups/sendgrid-sink';
import { startInfrastructure, type Infrastructure } from '../../deploy/local/infrastructure';
import { freePort } from '../../deploy/local/ports';
import { leanWorkflowBundle } from '@follow-ups/worker';
import { progress } from './measure';
import { startService, type ServiceProcess } from './services';
import { workflowsPath } from '@follow-ups/workflows';

export const REPLY_DOMAIN = 'reply.bench.test';
export const REPLY_SECRET = 'bench-reply-token-secret';
export const WEBHOOK_SECRET = 'bench-inbound-webhook-secret';

const listen = (app: { listen: (port: number, host: string, cb: () => void) => Server }) =>
  new Promise<{ server: Server; url: string }>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });

export type IngestService = ServiceProcess & { url: string };

export type BenchStack = {
  infra: Infrastructure;
  client: Client;
  sink: SentMailStore;
  sinkUrl: string;
  bundlePath: string;
  /** Connects this process's models to database `db` (setup and preloads) and indexes it; close before the next. */
  openDatabase: (db: string) => Promise<{ close: () => Promise<void> }>;
  /** The real ingest service (services/ingest/src/main.ts, through ingestEntry.ts) as a child process, on `taskQueue` and database `db`. */
  startIngest: (db: string, taskQueue: string) => Promise<IngestService>;
  /** The real worker service (services/worker/src/main.ts, through workerEntry.ts) as a child process, on `taskQueue` and database `db`. */
  startWorker: (db: string, taskQueue: string, env?: Record<string, string>) => Promise<ServiceProcess>;
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
  const services = new Set<ServiceProcess>();
  const serviceEnv = (db: string, taskQueue: string) => ({
    TEMPORAL_ADDRESS: infra.temporalAddress,
    MONGODB_URI: uriFor(db),
    TEMPORAL_TASK_QUEUE: taskQueue,
    SENDGRID_API_KEY: 'SG.bench',
    SENDGRID_BASE_URL: sinkServer.url,
    INBOUND_REPLY_DOMAIN: REPLY_DOMAIN,
    REPLY_TOKEN_SECRET: REPLY_SECRET,
  });
  const tracked = (service: ServiceProcess): ServiceProcess => {
    services.add(service);
    const stop = () => {
      services.delete(service);
      return service.stop();
    };
    return { ...service, stop };
  };

  return {
    infra,
    client,
    sink,
    sinkUrl: sinkServer.url,
    bundlePath,
    async openDatabase(db) {
      // connectDb's options plus command monitoring (tenant setup, preloads and probes run here).
      await mongoose.connect(uriFor(db), { serverSelectionTimeoutMS: 5000, autoIndex: true, monitorCommands: true });
      await ensureIndexes();
      await infra.mirrorIndexes(); // before the preloads, not up to 5 s later
      return { close: () => disconnectDb() };
    },
    async startIngest(db, taskQueue) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const service = await startService({
        entry: 'ingestEntry.ts',
        label: `${backend}-ingest-${db}`,
        env: {
          ...serviceEnv(db, taskQueue),
          HOST: '127.0.0.1',
          PORT: String(port),
          INBOUND_WEBHOOK_SECRET: WEBHOOK_SECRET,
          // The bench measures throughput, not the limits.
          RATE_LIMIT_ADDRESS_PER_SECOND: '1000000',
          RATE_LIMIT_ADDRESS_BURST: '1000000',
          RATE_LIMIT_TOKEN_PER_SECOND: '1000000',
          RATE_LIMIT_TOKEN_BURST: '1000000',
        },
        ready: () =>
          fetch(`${url}/healthz`).then(
            (res) => res.status === 200,
            () => false,
          ),
      });
      return { ...tracked(service), url };
    },
    async startWorker(db, taskQueue, extraEnv = {}) {
      const service = await startService({
        entry: 'workerEntry.ts',
        label: `${backend}-worker-${taskQueue}`,
        nodeFlags: WORKER_NODE_FLAGS,
        env: {
          ...serviceEnv(db, taskQueue),
          FOLLOWUPS_WORKFLOW_BUNDLE: bundlePath,
          LOG_LEVEL: 'info',
          ...extraEnv,
        },
        ready: (output) => output.includes('"msg":"polling"'),
      });
      return tracked(service);
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
      for (const service of [...services]) await service.stop();
      await client.connection.close();
      await new Promise((r) => sinkServer.server.close(r));
      await infra.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
