import path from 'node:path';
import { WORKER_NODE_FLAGS } from '@follow-ups/config';
import { LOCAL_PORTS, localServiceEnv } from '../localEnv';
import { assertAlive, startProcess } from '../processes';
import { canConnect, waitUntil } from '../ports';
import { DEMO, seedDemo } from '../seedDemo';
import { ensureClusterBinaries } from './binaries';
import { startClusterInfrastructure } from './cluster';
import { writeClusterFile, type ClusterProcesses } from './clusterFile';
import { restartable } from './restartable';
import { DEFAULT_NODE_PORTS } from './serverConfig';
import { answersHealth, listens, prepareDatabase, startService } from './services';
import { supervise } from './supervise';

const root = path.resolve(__dirname, '../../..');
const stackDir = path.join(root, '.stack');
const stateDir = path.join(stackDir, 'cluster');
const clusterFile = path.join(stackDir, 'cluster.json');
const SECOND_INGEST_PORT = 3001;
const WORKERS = 3;

/** `npm run cluster`: the product on a Temporal cluster of two server nodes, until Ctrl-C. */
async function main(): Promise<void> {
  const started = Date.now();
  const infra = await startClusterInfrastructure({
    stateDir,
    database: 'followups',
    prepareDatabase,
    ports: { ferretdb: [LOCAL_PORTS.ferretdb, LOCAL_PORTS.ferretdb + 1], node: DEFAULT_NODE_PORTS },
  });
  const env = localServiceEnv(stateDir, { temporalAddress: infra.frontend, mongodbUri: infra.mongodbUris[0]! });
  const processes: ClusterProcesses = {
    temporal: infra.temporal,
    ferretdb: infra.ferretdb,
    ingest: [],
    workers: [],
    others: [],
  };
  let stopSupervising = () => {};
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    stopSupervising();
    console.log('\n[cluster] stopping…');
    await Promise.all([...processes.ingest, ...processes.workers, ...processes.others].map((p) => p.stop()));
    await infra.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const uiPort = LOCAL_PORTS.temporalUi;
    const { uiServer } = ensureClusterBinaries();
    const ui = await restartable('temporal-ui', async () => {
      const proc = startProcess(
        'temporal-ui',
        uiServer,
        ['-ip', '127.0.0.1', '-port', String(uiPort), '-frontend', infra.frontend],
        {
          logFile: path.join(stateDir, 'temporal-ui.log'),
        },
      );
      await waitUntil('Temporal UI', async () => (assertAlive(proc), canConnect('127.0.0.1', uiPort)), 30_000);
      return proc;
    });
    processes.others.push(ui);
    const sinkPort = Number(env.SINK_PORT);
    processes.others.push(
      await startService('sendgrid-sink', 'services/sendgrid-sink/src/main.ts', env, stateDir, listens(sinkPort)),
    );
    // Two ingests, each on its own FerretDB; the workers share the FerretDBs in turn.
    const ingestPorts = [Number(env.PORT), SECOND_INGEST_PORT];
    for (const [i, port] of ingestPorts.entries()) {
      const url = `http://127.0.0.1:${port}`;
      const ingestEnv = { ...env, PORT: String(port), MONGODB_URI: infra.mongodbUris[i % infra.mongodbUris.length] };
      const ingest = await startService(
        `ingest-${i + 1}`,
        'services/ingest/src/main.ts',
        ingestEnv,
        stateDir,
        answersHealth(url),
      );
      processes.ingest.push({ ...ingest, url });
    }
    for (let i = 0; i < WORKERS; i++) {
      const workerEnv = { ...env, MONGODB_URI: infra.mongodbUris[i % infra.mongodbUris.length] };
      const name = `worker-${i + 1}`;
      const entry = 'services/worker/src/main.ts';
      processes.workers.push(await startService(name, entry, workerEnv, stateDir, undefined, WORKER_NODE_FLAGS));
    }
    const apiUrl = processes.ingest[0]!.url;
    const demo = await seedDemo(stateDir, infra.mongodbUris[0]!, apiUrl);
    const file = writeClusterFile(clusterFile, processes);
    const all = [
      ...processes.temporal,
      ...processes.ferretdb,
      ...processes.ingest,
      ...processes.workers,
      ...processes.others,
    ];
    stopSupervising = supervise(all, () => writeClusterFile(clusterFile, processes));

    console.log(`
Follow-ups cluster is running (${((Date.now() - started) / 1000).toFixed(1)} s). Logs: .stack/cluster/*.log, processes: .stack/cluster.json — Ctrl-C stops everything.

  API            ${env.PUBLIC_BASE_URL}/v1        docs: ${env.PUBLIC_BASE_URL}/docs   (second ingest: ${processes.ingest[1]!.url})
  Temporal UI    http://localhost:${uiPort}
  Temporal       ${env.TEMPORAL_ADDRESS}   (cluster: ${file.temporal.map((t) => `${t.name} ${t.frontend}`).join(', ')})
  MongoDB        ${infra.mongodbUris.join(', ')}  (FerretDB ×${infra.ferretdb.length} on one PostgreSQL)
  SendGrid sink  http://127.0.0.1:${env.SINK_PORT}/sink/messages
  Inbound webhook ${env.PUBLIC_BASE_URL}/webhooks/sendgrid/inbound/${env.INBOUND_WEBHOOK_SECRET}
  Workers        ${file.workers.map((w) => `${w.name} (pid ${w.pid})`).join(', ')}

Demo organization "${DEMO.organization}" — sender ${DEMO.sender}, trigger "${DEMO.trigger}":
  export FOLLOWUPS_TOKEN=${demo.token}
  npm run demo -- send      # kill -9 any pid of .stack/cluster.json: it is started again (docs/cluster.md)
`);
  } catch (error) {
    console.error(`[cluster] ${(error as Error).message} (see .stack/cluster/*.log)`);
    await stopAll(1);
  }
}

void main();
