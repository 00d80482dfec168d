// `npm run bench [-- --quick] [--backend=sqlite|postgres|both|sqlite,postgres,sqlite-stock,postgres-stock] [--only=rules,ingest,sleeping,recent]
// [--sleeping=N] [--history=N] [--drain=SECONDS]`: starts its own servers per backend, measures, prints a table per
// backend, the backends side by side and, as its last line, a machine-readable summary.
import { DB_BACKENDS, dbBackendFrom } from '../../deploy/local/dbBackend';
import { measureRuleEvaluation, type RuleFigure } from './ruleEvaluation';
import { ingestAndReplies, sleepingSequences, type Sizes } from './phases';
import {
  backendRows,
  printComparison,
  printTable,
  ruleRows,
  summary,
  summaryLine,
  type BackendResult,
  type Row,
} from './report';
import { machine, progress } from './measure';
import { printOperationCosts } from './operationsReport';
import { cpuProfileDirs, cpuProfileFiles } from './services';
import { BENCH_BACKENDS, startBenchStack, type BenchBackend } from './stack';
import { recentRepliesPhase } from './recentReplies';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = args.includes('--quick');
const only = flag('only')?.split(',');
const wants = (phase: 'rules' | 'ingest' | 'sleeping') => !only || only.includes(phase);

/** `both` = the local default first, then the other; without the flag, the backend FOLLOW_UPS_DB_BACKEND selects. */
function backends(): BenchBackend[] {
  const chosen = dbBackendFrom();
  const value = flag('backend') ?? chosen;
  const list = value === 'both' ? [chosen, ...DB_BACKENDS.filter((b) => b !== chosen)] : value.split(',');
  const unknown = list.filter((b) => !(BENCH_BACKENDS as readonly string[]).includes(b));
  if (unknown.length)
    throw new Error(`--backend: unknown ${unknown.join(', ')} (one or more of ${BENCH_BACKENDS.join(', ')}, or both)`);
  return list as BenchBackend[];
}

// Quick sizes keep two backends under 5 minutes on 2 shared cores.
const sizes: Sizes = quick
  ? {
      ruleRuns: 15,
      probeWrites: 100,
      ingest: 60,
      concurrency: 16,
      baseHistory: 200,
      replies: 12,
      history: 3_000,
      repliesAfter: 8,
      ingestAfter: 32,
      afterBudgetMs: 10_000,
      sleeping: 300,
      drainMs: 20_000,
    }
  : {
      ruleRuns: 40,
      probeWrites: 400,
      ingest: 500,
      concurrency: 16,
      baseHistory: 1_000,
      replies: 100,
      history: 100_000,
      repliesAfter: 25,
      ingestAfter: 64,
      afterBudgetMs: 180_000,
      sleeping: 10_000,
      drainMs: 300_000,
    };
if (flag('sleeping')) sizes.sleeping = Number(flag('sleeping'));
if (flag('history')) sizes.history = Number(flag('history'));
if (flag('drain')) sizes.drainMs = Number(flag('drain')) * 1000;

async function runBackend(backend: BenchBackend): Promise<BackendResult> {
  const began = Date.now();
  const stack = await startBenchStack(backend);
  const result: BackendResult = { backend, ingest: null, sleeping: null, seconds: 0 };
  try {
    if (wants('ingest')) result.ingest = await ingestAndReplies(stack, sizes);
    if (wants('sleeping')) {
      progress(`sleeping: ${sizes.sleeping} sequences on a fresh worker`);
      result.sleeping = await sleepingSequences(stack, sizes, result.ingest?.rawPerSecond ?? 200);
    }
  } finally {
    progress(`${backend}: stopping the servers`);
    await stack.stop();
  }
  result.seconds = (Date.now() - began) / 1000;
  return result;
}

/** `--only=recent` (not part of a run without --only: the ingest phase measures the same read on its history). */
async function recentRepliesAlone(list: BenchBackend[]): Promise<void> {
  for (const backend of list) {
    const stack = await startBenchStack(backend);
    try {
      const ms = await recentRepliesPhase(stack, sizes.baseHistory, sizes.history, Math.min(sizes.history, 20_000));
      const figures = `${ms.base.toFixed(1)} / ${ms.after.toFixed(1)} ms, idle rule ${ms.idle.toFixed(1)} ms`;
      console.log(`recent replies on ${backend} (${sizes.baseHistory} / ${sizes.history} replies): ${figures}`);
    } finally {
      await stack.stop();
    }
  }
}

async function main(): Promise<void> {
  const began = Date.now();
  const list = backends();
  progress(`${quick ? 'quick' : 'full'} run on ${machine()}; FerretDB on ${list.join(', ')}`);
  let rules: RuleFigure[] = [];
  if (wants('rules')) {
    progress('rules: 1/100/1,000 rules × 1/10 KB');
    rules = measureRuleEvaluation(sizes.ruleRuns);
  }
  const results: BackendResult[] = [];
  if (only?.includes('recent')) await recentRepliesAlone(list);
  if (wants('ingest') || wants('sleeping')) {
    for (const backend of list) {
      progress(`=== FerretDB on ${backend}`);
      results.push(await runBackend(backend));
    }
  } else {
    results.push({ backend: list[0], ingest: null, sleeping: null, seconds: 0 });
  }

  const run: Row = ['run', `${quick ? 'quick' : 'full'}, ${Math.round((Date.now() - began) / 1000)} s`, machine()];
  const summaries = results.map((r) => summary(sizes, quick, rules, r));
  for (const [i, result] of results.entries()) {
    console.log(`\n=== FerretDB on ${result.backend}\n`);
    printTable([...(i === 0 ? ruleRows(rules) : []), ...backendRows(sizes, result), run]);
    printOperationCosts(result);
  }
  if (results.length > 1) {
    console.log('\n=== backends side by side\n');
    printComparison(summaries, results);
    console.log('');
    for (const s of summaries) console.log(summaryLine(`bench ${s.backend}`, s));
  }
  if (cpuProfileDirs.length) {
    console.log('\nCPU profiles (top frames: npx tsx test/bench/cpuProfileTop.ts FILE):');
    for (const file of cpuProfileFiles()) console.log(`  ${file}`);
  }
  // The last line: the first backend listed (the local default unless --backend says otherwise).
  console.log(summaryLine('bench', summaries[0]));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
