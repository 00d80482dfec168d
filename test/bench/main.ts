// `npm run bench [-- --quick] [--only=rules,ingest,sleeping] [--sleeping=N] [--history=N] [--drain=SECONDS]`:
// starts its own servers, measures, prints a table and, as its last line, a machine-readable summary.
import { randomUUID } from 'node:crypto';
import { Message } from '@follow-ups/db';
import { measureRuleEvaluation, type RuleFigure } from './ruleEvaluation';
import { ingestDrafts, rawStarts, setUpTenant } from './ingest';
import { measureReplies, type ReplyFigures } from './replies';
import { preloadHistory } from './history';
import { archivePreloadedHistory } from './archiveHistory';
import { formatProfile, profileCommands } from './commandProfile';
import { probeWrites } from './writeProbe';
import { measureSleeping, type SleepingFigures } from './sleeping';
import { cpuMeter, machine, progress, round, spread } from './measure';
import { startBenchStack, type BenchStack } from './stack';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = args.includes('--quick');
const only = flag('only')?.split(',');
const wants = (phase: 'rules' | 'ingest' | 'sleeping') => !only || only.includes(phase);

const sizes = quick
  ? { ruleRuns: 15, probeWrites: 100, ingest: 60, concurrency: 16, baseHistory: 200, replies: 20, history: 3_000, repliesAfter: 12, ingestAfter: 32, afterBudgetMs: 25_000, sleeping: 300, drainMs: 45_000 }
  : { ruleRuns: 40, probeWrites: 400, ingest: 500, concurrency: 16, baseHistory: 1_000, replies: 100, history: 100_000, repliesAfter: 25, ingestAfter: 64, afterBudgetMs: 180_000, sleeping: 10_000, drainMs: 300_000 };
if (flag('sleeping')) sizes.sleeping = Number(flag('sleeping'));
if (flag('history')) sizes.history = Number(flag('history'));
if (flag('drain')) sizes.drainMs = Number(flag('drain')) * 1000;

type IngestResult = {
  ingestPerSecond: number; rawPerSecond: number; failures: string[]; cpu: Record<string, number>;
  base: ReplyFigures; after: ReplyFigures; afterIngestPerSecond: number; rulesLeftToOutbox: number; historyDocsPerSecond: number; writes: { sequential: number; concurrent: number }; running: number; afterCpu: Record<string, number>; profile: string[];
};

async function ingestAndReplies(stack: BenchStack): Promise<IngestResult> {
  const taskQueue = `bench-${randomUUID()}`;
  const db = await stack.openDatabase('bench_main', taskQueue);
  const worker = await stack.startWorker('bench_main', taskQueue);
  try {
    const writes = await probeWrites(sizes.probeWrites);
    progress(`FerretDB: ${round(writes.sequential)} single-document inserts/s one at a time, ${round(writes.concurrent)}/s 16 at once`);
    const tenant = await setUpTenant(db.url);
    await preloadHistory(tenant.organizationId, sizes.baseHistory);
    await archivePreloadedHistory();
    const ctx = { url: db.url, client: stack.client, sink: stack.sink, tenant };
    progress(`ingest: ${sizes.ingest} POST /v1/drafts, concurrency ${sizes.concurrency} (history of ${sizes.baseHistory} ended sequences)`);
    const cpu = cpuMeter({ ...stack.pids(), worker: worker.pid });
    const ingestProfile = profileCommands();
    const ingest = await ingestDrafts(db.url, tenant, { first: 0, count: sizes.ingest, concurrency: sizes.concurrency });
    const cpuUse = cpu();
    const profile = formatProfile(ingestProfile.stop(), ingest.done);
    progress(`ingest: ${round(ingest.perSecond, 1)}/s; raw client.workflow.start loop of ${sizes.ingest}`);
    const raw = await rawStarts(stack.client, { count: sizes.ingest, concurrency: sizes.concurrency });
    progress(`raw starts: ${round(raw.perSecond)}/s; ${sizes.replies} replies one at a time`);
    const replyProfile = profileCommands();
    const base = await measureReplies(ctx, ingest.ingested.slice(0, sizes.replies));
    profile.push(...formatProfile(replyProfile.stop(), Math.max(1, base.webhookMs.length), 4).map((line) => `reply: ${line}`));

    progress(`history: preloading ${sizes.history} ended sequences (insertMany)`);
    const history = await preloadHistory(tenant.organizationId, sizes.history - sizes.baseHistory);
    await archivePreloadedHistory();
    const running = ingest.ingested.length - sizes.replies;
    progress(`history: ${round(history.perSecond)} documents/s; ${sizes.repliesAfter} replies and ${sizes.ingestAfter} drafts again (${running} sequences running)`);
    const afterCpu = cpuMeter({ ...stack.pids(), worker: worker.pid });
    const afterProfile = profileCommands();
    const after = await measureReplies(ctx, ingest.ingested.slice(sizes.replies, sizes.replies + sizes.repliesAfter), sizes.afterBudgetMs);
    profile.push(...formatProfile(afterProfile.stop(), Math.max(1, after.webhookMs.length), 4).map((line) => `reply at history ${sizes.history}: ${line}`));
    const again = await ingestDrafts(db.url, tenant, { first: sizes.ingest, count: sizes.ingestAfter, concurrency: sizes.concurrency, budgetMs: sizes.afterBudgetMs });
    return {
      ingestPerSecond: ingest.perSecond, rawPerSecond: raw.perSecond, failures: [...ingest.failures, ...again.failures], cpu: cpuUse,
      base, after, afterIngestPerSecond: again.perSecond, rulesLeftToOutbox: await Message.countDocuments({ rulesPending: true }), historyDocsPerSecond: history.perSecond, running, afterCpu: afterCpu(), profile, writes,
    };
  } finally {
    await worker.stop();
    await db.close();
  }
}

async function sleepingSequences(stack: BenchStack, startsPerSecond: number): Promise<SleepingFigures & { profile: string[] }> {
  const taskQueue = `bench-sleep-${randomUUID()}`;
  const db = await stack.openDatabase('bench_sleep', taskQueue);
  const worker = await stack.startWorker('bench_sleep', taskQueue);
  try {
    const tenant = await setUpTenant(db.url);
    const figures = await measureSleeping({ client: stack.client, sink: stack.sink, tenant, taskQueue, worker, pids: stack.pids() }, { sequences: sizes.sleeping, startsPerSecond, drainBudgetMs: sizes.drainMs });
    await worker.stop();
    return { ...figures, profile: formatProfile(worker.commands(), Math.max(1, figures.sent), 8) };
  } finally {
    await worker.stop();
    await db.close();
  }
}

type Row = [string, string, string?, boolean?];
const fmt = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const cpuText = (cpu: Record<string, number>) => Object.entries(cpu).map(([k, v]) => `${k} ${v}%`).join(', ');

function printTable(rows: Row[]): void {
  const width = [0, 1, 2].map((c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
  const line = (r: Row) => `${(r[0]).padEnd(width[0])} | ${r[1].padStart(width[1])} | ${(r[2] ?? '').padEnd(width[2])} | ${r[3] === undefined ? '' : r[3] ? 'met' : 'NOT met'}`;
  console.log(line(['measure', 'value', 'goal']));
  console.log('-'.repeat(width[0] + width[1] + width[2] + 16));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const began = Date.now();
  progress(`${quick ? 'quick' : 'full'} run on ${machine()}`);
  let rules: RuleFigure[] = [];
  if (wants('rules')) {
    progress('rules: 1/100/1,000 rules × 1/10 KB');
    rules = measureRuleEvaluation(sizes.ruleRuns);
  }
  const stack = wants('ingest') || wants('sleeping') ? await startBenchStack() : null;
  let ingest: IngestResult | null = null;
  let sleeping: (SleepingFigures & { profile: string[] }) | null = null;
  try {
    if (stack && wants('ingest')) ingest = await ingestAndReplies(stack);
    if (stack && wants('sleeping')) {
      progress(`sleeping: ${sizes.sleeping} sequences on a fresh worker`);
      sleeping = await sleepingSequences(stack, ingest?.rawPerSecond ?? 200);
    }
  } finally {
    progress('stopping the servers');
    await stack?.stop();
  }

  const rows: Row[] = [];
  for (const f of rules) {
    const label = `rules: ${f.rules} × ${f.kb} KB${f.matching === 'all' ? ', all matching' : ''}, median ms: kept list (re-read)`;
    const goal = f.rules === 1000 && f.kb === 10 && f.matching === 'one';
    rows.push([label, `${fmt(f.warmMs, 3)} (${fmt(f.coldMs, 3)})`, goal ? '< 2 ms' : undefined, goal ? f.warmMs < 2 && f.coldMs < 2 : undefined]);
  }
  let ratio = NaN;
  let replyP99 = NaN;
  let growth = NaN;
  if (ingest) {
    ratio = ingest.ingestPerSecond / ingest.rawPerSecond;
    const base = spread(ingest.base.webhookMs);
    const baseClosed = spread(ingest.base.closedMs);
    const after = spread(ingest.after.webhookMs);
    const afterClosed = spread(ingest.after.closedMs);
    replyP99 = base.p99;
    growth = after.p99 / base.p99;
    rows.push(
      ['FerretDB: single-document inserts per second, one at a time / 16 at once', `${fmt(ingest.writes.sequential)} / ${fmt(ingest.writes.concurrent)}`],
      [`ingest: POST /v1/drafts per second (${sizes.ingest}, concurrency ${sizes.concurrency})`, fmt(ingest.ingestPerSecond, 1)],
      [`ingest: raw client.workflow.start per second`, fmt(ingest.rawPerSecond, 1)],
      ['ingest: ratio', fmt(ratio, 3), '≥ 0.5', ratio >= 0.5],
      ['ingest: CPU (% of one core)', cpuText(ingest.cpu)],
      [`reply (history ${sizes.baseHistory}): webhook 200 p50/p95/p99 ms (n=${base.n})`, `${fmt(base.p50)}/${fmt(base.p95)}/${fmt(base.p99)}`, 'p99 < 250', base.p99 < 250],
      [`reply (history ${sizes.baseHistory}): workflow closed p50/p95/p99 ms`, `${fmt(baseClosed.p50)}/${fmt(baseClosed.p95)}/${fmt(baseClosed.p99)}`],
      [`history: insertMany documents per second`, fmt(ingest.historyDocsPerSecond)],
      [`reply (history ${sizes.history}, ${ingest.running} running): webhook 200 p50/p95/p99 ms (n=${after.n})`, `${fmt(after.p50)}/${fmt(after.p95)}/${fmt(after.p99)}`],
      [`reply (history ${sizes.history}): workflow closed p50/p95/p99 ms`, `${fmt(afterClosed.p50)}/${fmt(afterClosed.p95)}/${fmt(afterClosed.p99)}`],
      [`reply: growth of p99, history ${sizes.history} / ${sizes.baseHistory}`, fmt(growth, 2), '≤ 1.5', growth <= 1.5],
      [`ingest (history ${sizes.history}): POST /v1/drafts per second`, fmt(ingest.afterIngestPerSecond, 2)],
      ['ingest: sent but rules left to the outbox (Temporal start past its deadline)', String(ingest.rulesLeftToOutbox)],
      [`history ${sizes.history}: CPU (% of one core)`, cpuText(ingest.afterCpu)],
    );
    const wrong = [...ingest.failures, ...ingest.base.wrong, ...ingest.after.wrong];
    if (wrong.length) rows.push(['problems (first 3)', `${wrong.length}: ${wrong.slice(0, 3).join('; ')}`]);
  }
  if (sleeping) {
    const l = sleeping.latenessMs;
    const rss = Math.max(sleeping.sleepingRssMb, sleeping.dueRssMb);
    rows.push(
      [`sleeping: ${sleeping.sequences} sequences started per second (startSequence)`, fmt(sleeping.startsPerSecond)],
      ['sleeping: worker RSS MB idle / sleeping / at due time', `${fmt(sleeping.idleRssMb)} / ${fmt(sleeping.sleepingRssMb)} / ${fmt(sleeping.dueRssMb)}`, '< 400', rss < 400],
      ['sleeping: Temporal dev server RSS MB (peak)', fmt(sleeping.temporalRssMb)],
      [`sleeping: first follow-ups sent (due within 10 s)`, `${sleeping.sent} of ${sleeping.sequences} in ${fmt(sleeping.drainSeconds)} s (${fmt(sleeping.sendsPerSecond, 1)}/s)`],
      ['sleeping: lateness p50/p99/max ms (unsent count as the deadline)', `${fmt(l.p50)}/${fmt(l.p99)}/${fmt(l.max)}`, 'p99 < 2000', l.p99 < 2000],
      ['sleeping: CPU at due time (% of one core)', cpuText(sleeping.cpu)],
    );
    if (sleeping.startedLate) rows.push(['sleeping: warning', 'some sequences started after their due time']);
  }
  rows.push(['run', `${quick ? 'quick' : 'full'}, ${Math.round((Date.now() - began) / 1000)} s`, machine()]);
  console.log('');
  printTable(rows);
  if (ingest) {
    console.log('\nMongoDB commands (driver monitoring), per request, largest total first:');
    for (const line of ingest.profile) console.log(`  ${line}`);
  }
  if (sleeping) {
    console.log('\nWorker MongoDB commands during the sleeping phase, per follow-up sent, largest total first:');
    for (const line of sleeping.profile) console.log(`  ${line}`);
  }
  const rules1000 = rules.find((f) => f.rules === 1000 && f.kb === 10 && f.matching === 'one');
  const summary = {
    ingest_ratio: round(ratio, 3), reply_p99_ms: round(replyP99), growth_100k: round(growth, 2),
    rss_mb: sleeping ? round(Math.max(sleeping.sleepingRssMb, sleeping.dueRssMb)) : NaN, lateness_p99_ms: sleeping ? round(sleeping.latenessMs.p99) : NaN,
    rules_1000x10k_ms: rules1000 ? round(rules1000.coldMs, 2) : NaN, history: ingest ? sizes.history : NaN, sleeping: sleeping?.sequences ?? NaN, mode: quick ? 'quick' : 'full',
  };
  console.log(`bench: ${Object.entries(summary).map(([k, v]) => `${k}=${Number.isNaN(v) ? 'na' : v}`).join(' ')}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
