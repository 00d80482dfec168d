import path from 'node:path';
import { WORKER_NODE_FLAGS } from '@follow-ups/config';
import { startInfrastructure } from './infrastructure';
import { LOCAL_PORTS, localServiceEnv } from './localEnv';
import { startProcess, assertAlive, type ManagedProcess } from './processes';
import { canConnect, waitUntil } from './ports';
import { DEMO, seedDemo } from './seedDemo';

const root = path.resolve(__dirname, '../..');
const stateDir = path.join(root, '.stack');

/** `npm start`: the whole stack with embedded defaults, until Ctrl-C. */
async function main(): Promise<void> {
  const started = Date.now();
  const infra = await startInfrastructure({
    stateDir,
    persistent: true,
    ports: { temporal: LOCAL_PORTS.temporal, temporalUi: LOCAL_PORTS.temporalUi, ferretdb: LOCAL_PORTS.ferretdb },
  });
  const env = localServiceEnv(stateDir, infra);
  const services: ManagedProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\n[stack] stopping…');
    await Promise.all(services.map((s) => s.stop()));
    await infra.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const start = (name: string, entry: string, nodeFlags: readonly string[] = []) => {
      // One process per service (`node --import tsx`, not the tsx wrapper) so SIGTERM reaches it.
      const proc = startProcess(name, process.execPath, [...nodeFlags, '--import', 'tsx', path.join(root, entry)], {
        env,
        logFile: path.join(stateDir, `${name}.log`),
      });
      services.push(proc);
      return proc;
    };
    const sink = start('sendgrid-sink', 'services/sendgrid-sink/src/main.ts');
    await waitUntil(
      'SendGrid sink',
      async () => (assertAlive(sink), canConnect('127.0.0.1', Number(env.SINK_PORT))),
      30_000,
    );
    const ingest = start('ingest', 'services/ingest/src/main.ts');
    const apiUrl = `http://127.0.0.1:${env.PORT}`;
    await waitUntil('ingest', async () => (assertAlive(ingest), (await fetch(`${apiUrl}/healthz`)).ok), 60_000);
    const worker = start('worker', 'services/worker/src/main.ts', WORKER_NODE_FLAGS);
    const demo = await seedDemo(stateDir, env.MONGODB_URI!, apiUrl);
    assertAlive(worker);

    console.log(`
Follow-ups is running (${((Date.now() - started) / 1000).toFixed(1)} s). Logs: .stack/*.log — Ctrl-C stops everything.

  API            ${env.PUBLIC_BASE_URL}/v1        docs: ${env.PUBLIC_BASE_URL}/docs
  Temporal UI    ${infra.temporalUiUrl ?? '(external Temporal: use its UI)'}
  Temporal       ${env.TEMPORAL_ADDRESS}
  MongoDB        ${env.MONGODB_URI}${infra.backend ? `  (FerretDB on ${infra.backend}; FOLLOW_UPS_DB_BACKEND=sqlite|postgres)` : ''}
  SendGrid sink  http://127.0.0.1:${env.SINK_PORT}/sink/messages
  Inbound webhook ${env.PUBLIC_BASE_URL}/webhooks/sendgrid/inbound/${env.INBOUND_WEBHOOK_SECRET}

Demo organization "${DEMO.organization}" — sender ${DEMO.sender}, trigger "${DEMO.trigger}":
  export FOLLOWUPS_TOKEN=${demo.token}
  npm run demo -- send      # then follow README "Try it"
`);
    for (const s of services) s.child.once('exit', () => !stopping && void stopAll(1));
  } catch (error) {
    console.error(`[stack] ${(error as Error).message} (see .stack/*.log)`);
    await stopAll(1);
  }
}

void main();
