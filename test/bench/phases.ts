// The two measured phases on one stack: ingest and replies (before and after a history preload),
// and many sleeping sequences falling due at once.
import { randomUUID } from 'node:crypto';
import { Message } from '@follow-ups/db';
import { ingestDrafts, rawStarts, setUpTenant } from './ingest';
import { measureReplies, type ReplyFigures } from './replies';
import { preloadHistory } from './history';
import { HISTORY_AT, measureAnalytics, preloadCounters } from './analytics';
import { archivePreloadedHistory } from './archiveHistory';
import { formatProfile, profileCommands } from '../helpers/commandProfile';
import { probeWrites } from './writeProbe';
import { measureSleeping, type SleepingFigures } from './sleeping';
import { cpuMeter, progress, round } from './measure';
import type { BenchStack } from './stack';

export type Sizes = {
  ruleRuns: number;
  probeWrites: number;
  ingest: number;
  concurrency: number;
  baseHistory: number;
  replies: number;
  history: number;
  repliesAfter: number;
  ingestAfter: number;
  afterBudgetMs: number;
  sleeping: number;
  drainMs: number;
};

export type SleepingResult = SleepingFigures & { profile: string[] };

export type IngestResult = {
  ingestPerSecond: number;
  rawPerSecond: number;
  failures: string[];
  cpu: Record<string, number>;
  base: ReplyFigures;
  after: ReplyFigures;
  afterIngestPerSecond: number;
  rulesLeftToOutbox: number;
  historyDocsPerSecond: number;
  writes: { sequential: number; concurrent: number };
  running: number;
  afterCpu: Record<string, number>;
  profile: string[];
  /** Median GET /v1/analytics/rules/:id ms at the base history and at the full one. */
  analyticsMs: { base: number; after: number };
};

export async function ingestAndReplies(stack: BenchStack, sizes: Sizes): Promise<IngestResult> {
  const taskQueue = `bench-${randomUUID()}`;
  const db = await stack.openDatabase('bench_main', taskQueue);
  const worker = await stack.startWorker('bench_main', taskQueue);
  try {
    const writes = await probeWrites(sizes.probeWrites);
    progress(
      `FerretDB: ${round(writes.sequential)} single-document inserts/s one at a time, ${round(writes.concurrent)}/s 16 at once`,
    );
    const tenant = await setUpTenant(db.url);
    await preloadHistory(tenant.organizationId, sizes.baseHistory);
    await preloadCounters(tenant.organizationId, tenant.ruleId, sizes.baseHistory, HISTORY_AT());
    await archivePreloadedHistory();
    const analyticsBase = await measureAnalytics(db.url, tenant.auth, tenant.ruleId);
    const ctx = { url: db.url, client: stack.client, sink: stack.sink, tenant };
    progress(
      `ingest: ${sizes.ingest} POST /v1/drafts, concurrency ${sizes.concurrency} (history of ${sizes.baseHistory} ended sequences)`,
    );
    const cpu = cpuMeter({ ...stack.pids(), worker: worker.pid });
    const ingestProfile = profileCommands();
    const ingest = await ingestDrafts(db.url, tenant, {
      first: 0,
      count: sizes.ingest,
      concurrency: sizes.concurrency,
    });
    const cpuUse = cpu();
    const profile = formatProfile(ingestProfile.stop(), ingest.done, 12);
    progress(`ingest: ${round(ingest.perSecond, 1)}/s; raw client.workflow.start loop of ${sizes.ingest}`);
    const raw = await rawStarts(stack.client, { count: sizes.ingest, concurrency: sizes.concurrency });
    progress(`raw starts: ${round(raw.perSecond)}/s; ${sizes.replies} replies one at a time`);
    const replyProfile = profileCommands();
    const base = await measureReplies(ctx, ingest.ingested.slice(0, sizes.replies));
    profile.push(
      ...formatProfile(replyProfile.stop(), Math.max(1, base.webhookMs.length), 4).map((line) => `reply: ${line}`),
    );

    progress(`history: preloading ${sizes.history} ended sequences (insertMany)`);
    const history = await preloadHistory(tenant.organizationId, sizes.history - sizes.baseHistory, true);
    await preloadCounters(tenant.organizationId, tenant.ruleId, sizes.history - sizes.baseHistory, HISTORY_AT());
    await archivePreloadedHistory();
    const analyticsAfter = await measureAnalytics(db.url, tenant.auth, tenant.ruleId);
    const running = ingest.ingested.length - sizes.replies;
    progress(
      `history: ${round(history.perSecond)} documents/s; ${sizes.repliesAfter} replies and ${sizes.ingestAfter} drafts again (${running} sequences running)`,
    );
    const afterCpu = cpuMeter({ ...stack.pids(), worker: worker.pid });
    const afterProfile = profileCommands();
    const after = await measureReplies(
      ctx,
      ingest.ingested.slice(sizes.replies, sizes.replies + sizes.repliesAfter),
      sizes.afterBudgetMs,
    );
    profile.push(
      ...formatProfile(afterProfile.stop(), Math.max(1, after.webhookMs.length), 4).map(
        (line) => `reply at history ${sizes.history}: ${line}`,
      ),
    );
    const again = await ingestDrafts(db.url, tenant, {
      first: sizes.ingest,
      count: sizes.ingestAfter,
      concurrency: sizes.concurrency,
      budgetMs: sizes.afterBudgetMs,
    });
    return {
      ingestPerSecond: ingest.perSecond,
      rawPerSecond: raw.perSecond,
      failures: [...ingest.failures, ...again.failures],
      cpu: cpuUse,
      base,
      after,
      afterIngestPerSecond: again.perSecond,
      rulesLeftToOutbox: await Message.countDocuments({ rulesPending: true }),
      historyDocsPerSecond: history.perSecond,
      running,
      afterCpu: afterCpu(),
      profile,
      writes,
      analyticsMs: { base: analyticsBase, after: analyticsAfter },
    };
  } finally {
    await worker.stop();
    await db.close();
  }
}

export async function sleepingSequences(
  stack: BenchStack,
  sizes: Sizes,
  startsPerSecond: number,
): Promise<SleepingResult> {
  const taskQueue = `bench-sleep-${randomUUID()}`;
  const db = await stack.openDatabase('bench_sleep', taskQueue);
  const worker = await stack.startWorker('bench_sleep', taskQueue);
  try {
    const tenant = await setUpTenant(db.url);
    const figures = await measureSleeping(
      { client: stack.client, sink: stack.sink, tenant, taskQueue, worker, pids: stack.pids() },
      { sequences: sizes.sleeping, startsPerSecond, drainBudgetMs: sizes.drainMs },
    );
    await worker.stop();
    return { ...figures, profile: formatProfile(worker.commands(), Math.max(1, figures.sent), 16) };
  } finally {
    await worker.stop();
    await db.close();
  }
}
