// What the benchmark prints: a table per backend, the backends side by side, and the summary line.
import type { RuleFigure } from './ruleEvaluation';
import type { IngestResult, Sizes, SleepingResult } from './phases';
import { round, spread } from './measure';
import { operationSummary } from './operationsReport';

export type Row = [string, string, string?, boolean?];
export type BackendResult = {
  backend: string;
  ingest: IngestResult | null;
  sleeping: SleepingResult | null;
  seconds: number;
};

const fmt = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const cpuText = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .map(([k, v]) => `${k} ${v}%`)
    .join(', ');

export function printTable(rows: Row[]): void {
  const width = [0, 1, 2].map((c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
  const line = (r: Row) =>
    `${r[0].padEnd(width[0])} | ${r[1].padStart(width[1])} | ${(r[2] ?? '').padEnd(width[2])} | ${r[3] === undefined ? '' : r[3] ? 'met' : 'NOT met'}`;
  console.log(line(['measure', 'value', 'goal']));
  console.log('-'.repeat(width[0] + width[1] + width[2] + 16));
  for (const r of rows) console.log(line(r));
}

export function ruleRows(rules: RuleFigure[]): Row[] {
  return rules.map((f) => {
    const label = `rules: ${f.rules} × ${f.kb} KB${f.matching === 'all' ? ', all matching' : ''}, median ms: kept list (re-read)`;
    const goal = f.rules === 1000 && f.kb === 10 && f.matching === 'one';
    return [
      label,
      `${fmt(f.warmMs, 3)} (${fmt(f.coldMs, 3)})`,
      goal ? '< 2 ms' : undefined,
      goal ? f.warmMs < 2 && f.coldMs < 2 : undefined,
    ];
  });
}

export function backendRows(sizes: Sizes, { ingest, sleeping }: BackendResult): Row[] {
  const rows: Row[] = [];
  if (ingest) {
    const ratio = ingest.ingestPerSecond / ingest.rawPerSecond;
    const base = spread(ingest.base.webhookMs);
    const baseClosed = spread(ingest.base.closedMs);
    const after = spread(ingest.after.webhookMs);
    const afterClosed = spread(ingest.after.closedMs);
    const growth = after.p99 / base.p99;
    rows.push(
      [
        'FerretDB: single-document inserts per second, one at a time / 16 at once',
        `${fmt(ingest.writes.sequential)} / ${fmt(ingest.writes.concurrent)}`,
      ],
      [
        `ingest: POST /v1/drafts per second (${sizes.ingest}, concurrency ${sizes.concurrency})`,
        fmt(ingest.ingestPerSecond, 1),
      ],
      [`ingest: raw client.workflow.start per second`, fmt(ingest.rawPerSecond, 1)],
      ['ingest: ratio', fmt(ratio, 3), '≥ 0.5', ratio >= 0.5],
      ['ingest: CPU (% of one core)', cpuText(ingest.cpu)],
      [
        `reply (history ${sizes.baseHistory}): webhook 200 p50/p95/p99 ms (n=${base.n})`,
        `${fmt(base.p50)}/${fmt(base.p95)}/${fmt(base.p99)}`,
        'p99 < 250',
        base.p99 < 250,
      ],
      [
        `reply (history ${sizes.baseHistory}): workflow closed p50/p95/p99 ms`,
        `${fmt(baseClosed.p50)}/${fmt(baseClosed.p95)}/${fmt(baseClosed.p99)}`,
      ],
      [`history: insertMany documents per second`, fmt(ingest.historyDocsPerSecond)],
      [
        `reply (history ${sizes.history}, ${ingest.running} running): webhook 200 p50/p95/p99 ms (n=${after.n})`,
        `${fmt(after.p50)}/${fmt(after.p95)}/${fmt(after.p99)}`,
      ],
      [
        `reply (history ${sizes.history}): workflow closed p50/p95/p99 ms`,
        `${fmt(afterClosed.p50)}/${fmt(afterClosed.p95)}/${fmt(afterClosed.p99)}`,
      ],
      [`reply: growth of p99, history ${sizes.history} / ${sizes.baseHistory}`, fmt(growth, 2), '≤ 1.5', growth <= 1.5],
      [`ingest (history ${sizes.history}): POST /v1/drafts per second`, fmt(ingest.afterIngestPerSecond, 2)],
      [
        'ingest: sent but rules left to the outbox (Temporal start past its deadline)',
        String(ingest.rulesLeftToOutbox),
      ],
      [`history ${sizes.history}: CPU (% of one core)`, cpuText(ingest.afterCpu)],
      [
        `analytics_ms: GET /v1/analytics/rules/:id median, history ${sizes.baseHistory} / ${sizes.history}`,
        `${fmt(ingest.analyticsMs.base, 1)} / ${fmt(ingest.analyticsMs.after, 1)}`,
      ],
    );
    const wrong = [...ingest.failures, ...ingest.base.wrong, ...ingest.after.wrong];
    if (wrong.length) rows.push(['problems (first 3)', `${wrong.length}: ${wrong.slice(0, 3).join('; ')}`]);
  }
  if (sleeping) {
    const l = sleeping.latenessMs;
    const rss = Math.max(sleeping.sleepingRssMb, sleeping.dueRssMb);
    rows.push(
      [`sleeping: ${sleeping.sequences} sequences started per second (startSequence)`, fmt(sleeping.startsPerSecond)],
      [
        'sleeping: worker RSS MB idle / sleeping / at due time',
        `${fmt(sleeping.idleRssMb)} / ${fmt(sleeping.sleepingRssMb)} / ${fmt(sleeping.dueRssMb)}`,
        '< 400',
        rss < 400,
      ],
      ['sleeping: Temporal dev server RSS MB (peak)', fmt(sleeping.temporalRssMb)],
      [
        `sleeping: first follow-ups sent (due within 10 s)`,
        `${sleeping.sent} of ${sleeping.sequences} in ${fmt(sleeping.drainSeconds)} s (${fmt(sleeping.sendsPerSecond, 1)}/s)`,
      ],
      [
        'sleeping: lateness p50/p99/max ms (unsent count as the deadline)',
        `${fmt(l.p50)}/${fmt(l.p99)}/${fmt(l.max)}`,
        'p99 < 2000',
        l.p99 < 2000,
      ],
      ['sleeping: CPU at due time (% of one core)', cpuText(sleeping.cpu)],
    );
    if (sleeping.startedLate) rows.push(['sleeping: warning', 'some sequences started after their due time']);
  }
  return rows;
}

/** The machine-readable figures of one backend (NaN where a phase did not run). */
export function summary(sizes: Sizes, quick: boolean, rules: RuleFigure[], result: BackendResult) {
  const { ingest, sleeping, backend } = result;
  const rules1000 = rules.find((f) => f.rules === 1000 && f.kb === 10 && f.matching === 'one');
  const replyP99 = ingest ? spread(ingest.base.webhookMs).p99 : NaN;
  return {
    ingest_ratio: ingest ? round(ingest.ingestPerSecond / ingest.rawPerSecond, 3) : NaN,
    reply_p99_ms: round(replyP99),
    growth_100k: ingest ? round(spread(ingest.after.webhookMs).p99 / replyP99, 2) : NaN,
    rss_mb: sleeping ? round(Math.max(sleeping.sleepingRssMb, sleeping.dueRssMb)) : NaN,
    lateness_p99_ms: sleeping ? round(sleeping.latenessMs.p99) : NaN,
    rules_1000x10k_ms: rules1000 ? round(rules1000.coldMs, 2) : NaN,
    history: ingest ? sizes.history : NaN,
    sleeping: sleeping?.sequences ?? NaN,
    ...operationSummary(result),
    mode: quick ? 'quick' : 'full',
    backend,
  };
}

export const summaryLine = (prefix: string, s: Record<string, string | number>) =>
  `${prefix}: ${Object.entries(s)
    .map(([k, v]) => `${k}=${typeof v === 'number' && Number.isNaN(v) ? 'na' : v}`)
    .join(' ')}`;

/** One column per backend, for the figures that decide between them. */
export function printComparison(summaries: Array<ReturnType<typeof summary>>, results: BackendResult[]): void {
  const pick = (r: BackendResult, f: (x: IngestResult) => number, d = 1) => (r.ingest ? fmt(f(r.ingest), d) : 'n/a');
  const lines: string[][] = [
    ['', ...summaries.map((s) => s.backend)],
    [
      'inserts/s, 1 / 16 at once',
      ...results.map((r) =>
        r.ingest ? `${fmt(r.ingest.writes.sequential)} / ${fmt(r.ingest.writes.concurrent)}` : 'n/a',
      ),
    ],
    ['ingest POST /v1/drafts per second', ...results.map((r) => pick(r, (x) => x.ingestPerSecond))],
    ['ingest ratio (goal ≥ 0.5)', ...summaries.map((s) => fmt(s.ingest_ratio, 3))],
    ['reply p99 ms (goal < 250)', ...summaries.map((s) => fmt(s.reply_p99_ms))],
    ['reply p99 growth with history (goal ≤ 1.5)', ...summaries.map((s) => fmt(s.growth_100k, 2))],
    ['ingest per second at full history', ...results.map((r) => pick(r, (x) => x.afterIngestPerSecond, 2))],
    ['history insertMany documents per second', ...results.map((r) => pick(r, (x) => x.historyDocsPerSecond, 0))],
    ['worker RSS MB (goal < 400)', ...summaries.map((s) => fmt(s.rss_mb))],
    [
      'follow-ups sent per second at due time',
      ...results.map((r) => (r.sleeping ? fmt(r.sleeping.sendsPerSecond, 1) : 'n/a')),
    ],
    ['lateness p99 ms (goal < 2000)', ...summaries.map((s) => fmt(s.lateness_p99_ms))],
    ['phase time, s', ...results.map((r) => fmt(r.seconds))],
  ];
  const width = lines[0].map((_, c) => Math.max(...lines.map((l) => l[c].length)));
  for (const l of lines)
    console.log(l.map((cell, c) => (c === 0 ? cell.padEnd(width[c]) : cell.padStart(width[c]))).join(' | '));
}
