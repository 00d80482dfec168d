// `npx tsx test/bench/triggerProfile.ts [--warmup=0] [--first=60] [--count=200] [--profile=DIR]`: the ingest
// process's CPU ms per trigger send (POST /v1/drafts send:true starting a sequence, concurrency 16) in three
// rounds, `first` sends on a fresh process (as the bench's 60) then `count` twice (warmer), after `warmup`
// sends; with --profile, a V8 CPU profile of the first round only (DIR/window-*.cpuprofile, for cpuProfileTop.ts).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { startBenchStack } from './stack';
import { ingestDrafts, setUpTenant } from './ingest';
import { cpuTime, sleep } from './measure';
import { dbBackendFrom } from '../../deploy/local/dbBackend';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const count = Number(flag('count') ?? 200);
const warmup = Number(flag('warmup') ?? 0);
const firstCount = Number(flag('first') ?? 60);
const profileDir = flag('profile');
if (profileDir) process.env.BENCH_PROFILE_WINDOW_DIR = path.resolve(profileDir);

async function main(): Promise<void> {
  const stack = await startBenchStack(dbBackendFrom());
  try {
    const taskQueue = `bench-${randomUUID()}`;
    const db = await stack.openDatabase('bench_trigger');
    const ingest = await stack.startIngest('bench_trigger', taskQueue);
    const worker = await stack.startWorker('bench_trigger', taskQueue);
    const tenant = await setUpTenant(ingest.url);
    if (warmup) await ingestDrafts(ingest.url, tenant, { first: 0, count: warmup, concurrency: 16 });
    await sleep(2_000);
    let first = warmup;
    for (let round = 0; round < 3; round++) {
      const n = round === 0 ? firstCount : count;
      if (profileDir && round === 0) process.kill(ingest.pid, 'SIGUSR2');
      const cpu = cpuTime({ ingest: ingest.pid });
      const run = await ingestDrafts(ingest.url, tenant, { first, count: n, concurrency: 16 });
      const { ms } = cpu();
      if (profileDir && round === 0) process.kill(ingest.pid, 'SIGUSR2');
      first += n;
      if (run.failures.length) console.log(run.failures[0]);
      console.log(
        `round ${round}: ${run.done} triggers, ${run.failures.length} failures, ${(ms.ingest / run.done).toFixed(2)} CPU ms ingest each`,
      );
      await sleep(2_000);
    }
    await worker.stop();
    await ingest.stop();
    await db.close();
  } finally {
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
