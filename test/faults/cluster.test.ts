// Faults on Temporal's real server (issue 22, item 3): two server nodes (PostgreSQL persistence and
// visibility), two FerretDBs over one PostgreSQL, two ingests and three workers. Day-4 examples run
// (trigger → follow-ups at +3, +6, +9 s → some prospects reply) while, one after the other, the
// Temporal node clients do not dial, a worker, an ingest and a FerretDB are killed with SIGKILL and
// brought back. Nothing may be sent twice or lost, nothing after an accepted reply, and every
// sequence must end in the right status. Also measured: how long the living node took to own the
// dead node's history shards. Runs under `npm run faults` only (not `npm test`), with the cluster
// binaries (`bash deploy/local/build-cluster-binaries.sh`, built by `npm run cluster`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { builtClusterBinaries } from '../../deploy/local/cluster/binaries';
import { startClusterInfrastructure, type ClusterInfrastructure } from '../../deploy/local/cluster/cluster';
import { prepareDatabase } from '../../deploy/local/cluster/services';
import { shardOwners } from '../../deploy/local/cluster/shardOwners';
import { startIngestProcess, type IngestProcess } from '../helpers/ingestProcess';
import { newSigningKey } from '../helpers/sendgridEvents';
import { startTestApp, TEST_WEBHOOK_SECRET, type TestApp } from '../helpers/testApp';
import { eventually, newTaskQueue } from '../helpers/testWorker';
import { auditFigures, auditFollowUps, formatStatuses, statusIsRight } from './audit';
import { ingestBalancer, timeUntilEveryShardAnswers } from './clusterFaults';
import { FULL, SEED, sleep } from './config';
import { figures } from './figures';
import { createFollowUpRule, listen, postReply, trigger, waitForSequences, type Org } from './stack';
import { startPollingWorker, untilPolling, type WorkerProcess } from './workers';
import { startWorkerProcess } from '../helpers/workerProcess';

// One "minute" lasts one second: follow-ups at +3, +6 and +9 s.
const DIVISOR = 60;
const MIN_CONVERSATIONS = 40;
/** The stream stops here even if a fault is still being brought back (the audit then says so). */
const MAX_CONVERSATIONS = 150;
const START_EVERY_MS = 1_000;
const DOWN_MS = 3_000;
const WORKER_ENV = { UNKNOWN_RESEND_AFTER_SECONDS: '5' };

const binaries = FULL ? builtClusterBinaries() : null;
const skipReason = !FULL
  ? 'runs under `npm run faults` only (it starts a Temporal cluster)'
  : !binaries
    ? 'the cluster binaries are not built: run `bash deploy/local/build-cluster-binaries.sh` (or `npm run cluster`) first'
    : '';
if (skipReason) console.warn(`[faults] cluster.test.ts skipped: ${skipReason}`);

(skipReason ? describe.skip : describe)(
  'fault suite: a Temporal cluster loses a node, a worker, an ingest, a FerretDB',
  () => {
    const table = figures('cluster');
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'follow-ups-faults-cluster-'));
    const database = `faults_cluster_${Date.now().toString(36)}`;
    const saved = { temporal: process.env.TEMPORAL_ADDRESS, mongo: process.env.MONGODB_URI };
    let infra: ClusterInfrastructure;
    let testApp: TestApp;
    let http: Awaited<ReturnType<typeof listen>>;
    const ingests: IngestProcess[] = [];
    const workers: WorkerProcess[] = [];
    /** Which process runs on which FerretDB: ingest i and worker i on FerretDB i % 2. */
    const on = (i: number) => ({ MONGODB_URI: infra.mongodbUris[i % infra.mongodbUris.length] });

    beforeAll(async () => {
      infra = await startClusterInfrastructure({ stateDir, database, prepareDatabase });
      process.env.TEMPORAL_ADDRESS = infra.frontend;
      process.env.MONGODB_URI = infra.mongodbUris[0];
      const key = newSigningKey();
      testApp = await startTestApp({
        taskQueue: newTaskQueue(),
        dbName: database,
        delayDivisor: DIVISOR,
        eventWebhookPublicKey: key.publicKey,
      });
      http = await listen(testApp);
      testApp.sinkEvents.configure({
        url: `${http.baseUrl}/webhooks/sendgrid/events/${TEST_WEBHOOK_SECRET}`,
        privateKey: key.privateKey,
        batchMs: 1_000,
      });
      ingests.push(...(await Promise.all([0, 1].map((i) => startIngestProcess(testApp, on(i))))));
      workers.push(
        ...(await Promise.all([0, 1, 2].map((i) => startPollingWorker(testApp, { ...WORKER_ENV, ...on(i) })))),
      );
    }, 600_000);
    afterAll(async () => {
      table.print();
      await Promise.all([...workers, ...ingests].map((p) => p.kill()));
      await http?.close();
      await testApp?.close();
      await infra?.stop();
      process.env.TEMPORAL_ADDRESS = saved.temporal;
      process.env.MONGODB_URI = saved.mongo;
      fs.rmSync(stateDir, { recursive: true, force: true });
    }, 120_000);

    it('every follow-up once, none after a reply, right statuses, while node, worker, ingest and FerretDB die', async () => {
      const org: Org = await testApp.newOrganization('Cluster');
      await createFollowUpRule(http.baseUrl, org, [3, 6, 9]);
      const balancer = ingestBalancer(ingests.map((i) => i.baseUrl));
      const replyAfter = fc.sample(fc.option(fc.integer({ min: 2_000, max: 8_000 }), { freq: 2 }), {
        numRuns: 400,
        seed: SEED,
      });
      const repliedAt = new Map<string, number>();
      const conversations: Promise<string | null>[] = [];
      let fiveXx = 0;
      const faults: string[] = [];
      const timings: Record<string, number> = {};
      /** Which node owned how many of the 16 shards: before the kill, after the takeover, after the restart. */
      const owners: Record<string, Record<string, number>> = {};

      // One fault after the other, each brought back, while conversations keep starting.
      let faulting = true;
      const step = (what: string) => {
        faults.push(what);
        process.stderr.write(`[faults] cluster: ${what} killed\n`);
      };
      const faultScript = (async () => {
        await sleep(5_000);
        owners.before = await shardOwners(infra.postgres.url);
        const node = infra.temporal[1]!;
        await node.kill();
        step(`${node.name} (pid ${node.pid()})`);
        timings.takeover = await timeUntilEveryShardAnswers(testApp.deps.temporal);
        process.stderr.write(`[faults] cluster: every shard answers ${timings.takeover} ms after the kill\n`);
        owners.takenOver = await shardOwners(infra.postgres.url);
        const restarting = Date.now();
        await node.restart();
        timings.rejoin = Date.now() - restarting + (await timeUntilEveryShardAnswers(testApp.deps.temporal));
        owners.rejoined = await shardOwners(infra.postgres.url);

        await workers[0].kill();
        step('worker-1');
        await sleep(DOWN_MS);
        workers[0] = startWorkerProcess(testApp, { ...WORKER_ENV, ...on(0) });
        await untilPolling(testApp.deps.temporal, testApp.deps.taskQueue, workers[0], 300_000);

        await balancer.drain(1);
        await ingests[1].kill();
        step('ingest-2');
        await sleep(DOWN_MS);
        ingests[1] = await startIngestProcess(testApp, on(1), { readyTimeoutMs: 300_000 });
        balancer.restore(1, ingests[1].baseUrl);

        // FerretDB 2 serves ingest 2 and worker 2: the balancer takes ingest 2 out while it is down
        // (its health check fails); worker 2's activities fail and are retried by Temporal.
        await balancer.drain(1);
        await infra.ferretdb[1]!.kill();
        step('ferretdb-2');
        await sleep(DOWN_MS);
        await infra.ferretdb[1]!.restart();
        await eventually(
          async () => ((await fetch(`${ingests[1].baseUrl}/healthz`)).ok ? true : undefined),
          60_000,
          'ingest 2 healthy',
        );
        balancer.restore(1);
      })().finally(() => (faulting = false));

      for (let i = 0; (faulting || i < MIN_CONVERSATIONS) && i < MAX_CONVERSATIONS; i++) {
        const recipient = `jane.${i}@prospect.test`;
        const after = replyAfter[i % replyAfter.length];
        conversations.push(
          (async () => {
            // A request that fails is a client-visible failure, counted with the 5xx answers.
            const conversation = await balancer.via(i, (url) => trigger(url, org, recipient)).catch(() => null);
            if (conversation === null) {
              fiveXx++;
              return null;
            }
            if (after !== null) {
              await sleep(after);
              // SendGrid posts an Inbound Parse again when the connection fails: so does the test.
              const reply = await balancer.retrying(i + 1, (url) => postReply(url, testApp.sink.list(), recipient));
              if (reply.status >= 500) fiveXx++;
              if (reply.status === 200) repliedAt.set(conversation, reply.at);
            }
            return conversation;
          })(),
        );
        await sleep(START_EVERY_MS);
      }
      await faultScript;
      const started = (await Promise.all(conversations)).filter((c): c is string => c !== null);

      const statuses = await waitForSequences(testApp.deps.temporal, org.id, started, 600_000);
      await sleep(2_000);
      const audit = await auditFollowUps(testApp.sink.list(), started, { repliedAt });
      const wrong = started.filter((c) => !statusIsRight(statuses.get(c), repliedAt.has(c), audit.discardedIn.has(c)));
      const crashes = [...ingests, ...workers].filter((p) => p.child.exitCode !== null).length;
      const seconds = (ms: number | undefined) => `${((ms ?? NaN) / 1000).toFixed(1)} s`;
      const spread = Object.entries(owners)
        .map(([when, count]) => `${when} ${JSON.stringify(count)}`)
        .join(', ');
      const takeover = `shards per node: ${spread}; shard takeover after the node's death ${seconds(timings.takeover)}, back to 2 nodes after its restart ${seconds(timings.rejoin)}`;
      process.stderr.write(`\n[faults] cluster: ${takeover} (16 shards, ${infra.temporal.length} nodes)\n`);
      table.add({
        scenario: 'cluster: node, worker, ingest, FerretDB killed',
        trials: started.length,
        ...auditFigures(audit),
        fiveXx,
        wrongStatus: wrong.length,
        crashes,
        note: `killed (SIGKILL) and restarted: ${faults.join(', ')}; ${takeover}; ${audit.due} follow-ups due, ${repliedAt.size} replies; drafts: ${formatStatuses(audit.statuses)}; wrong: ${wrong
          .slice(0, 3)
          .map((c) => statuses.get(c))
          .join(', ')}; ${audit.examples.slice(0, 3).join('; ')}; seed ${SEED}`,
      });
      expect({
        duplicates: audit.duplicates,
        lost: audit.lost,
        afterReply: audit.afterReply,
        fiveXx,
        failedReceived: audit.failedReceived,
        wrongStatus: wrong.length,
        crashes,
      }).toEqual({ duplicates: 0, lost: 0, afterReply: 0, fiveXx: 0, failedReceived: 0, wrongStatus: 0, crashes: 0 });
    }, 1_800_000);
  },
);
