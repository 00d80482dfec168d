// The two measured phases on one stack: ingest and replies (before and after a history preload),
// and many sleeping sequences falling due at once.
import { randomUUID } from 'node:crypto';
import { Message } from '@follow-ups/db';
import { ingestDrafts, rawStarts, setUpTenant } from './ingest';
import { measureReplies, type ReplyFigures } from './replies';
import { preloadHistory } from './history';
import { HISTORY_AT, measureAnalytics, preloadCounters } from './analytics';
import { preloadReplyMarks } from './recentReplies';
import { archivePreloadedHistory } from './archiveHistory';
import { probeWrites } from './writeProbe';
import { measureSleeping, type SleepingFigures } from './sleeping';
import { cpuMeter, progress, round, sleep } from './measure';
import { operationWindow, type OperationCost } from './operations';
import type { ServiceProcess } from './services';
import type { BenchStack } from './stack';
import { replyTasks, workflowTasks, type ReplyTaskFigures, type WorkflowTaskFigures } from './workflowTasks';
import { sequenceWorkflowId } from '@follow-ups/domain';

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

export type SleepingResult = SleepingFigures & { tasks: WorkflowTaskFigures };

/** Sequences whose histories are read for workflow tasks and activities per trigger and follow-up. */
const HISTORY_SAMPLE = 20;

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
  operations: { trigger: OperationCost; reply: OperationCost; replyAfter: OperationCost; triggerAfter: OperationCost };
  /** Workflow tasks and activities per reply (the replies at the base history). */
  replyTasks: ReplyTaskFigures;
  /** Median GET /v1/analytics/rules/:id ms at the base history and at the full one. */
  analyticsMs: { base: number; after: number };
};

export async function ingestAndReplies(stack: BenchStack, sizes: Sizes): Promise<IngestResult> {
  const taskQueue = `bench-${randomUUID()}`;
  const db = await stack.openDatabase('bench_main');
  const services: ServiceProcess[] = [];
  try {
    const ingestService = await stack.startIngest('bench_main', taskQueue);
    services.push(ingestService);
    const worker = await stack.startWorker('bench_main', taskQueue);
    services.push(worker);
    const url = ingestService.url;
    const pids = { ...stack.pids(), ingest: ingestService.pid, worker: worker.pid };
    const window = (name: string) => operationWindow(name, { ingest: ingestService, worker }, stack.pids());
    const writes = await probeWrites(sizes.probeWrites);
    progress(
      `FerretDB: ${round(writes.sequential)} single-document inserts/s one at a time, ${round(writes.concurrent)}/s 16 at once`,
    );
    const tenant = await setUpTenant(url);
    await preloadHistory(tenant.organizationId, sizes.baseHistory);
    await preloadCounters(tenant.organizationId, tenant.ruleId, sizes.baseHistory, HISTORY_AT());
    await preloadReplyMarks(tenant.organizationId, tenant.ruleId, sizes.baseHistory, HISTORY_AT()); // each was replied to
    await archivePreloadedHistory();
    const analyticsBase = await measureAnalytics(url, tenant.auth, tenant.ruleId);
    const ctx = { url: url, client: stack.client, sink: stack.sink, tenant };
    progress(
      `ingest: ${sizes.ingest} POST /v1/drafts, concurrency ${sizes.concurrency} (history of ${sizes.baseHistory} ended sequences)`,
    );
    const cpu = cpuMeter(pids);
    const triggerWindow = await window('trigger: POST /v1/drafts send:true');
    const ingest = await ingestDrafts(url, tenant, {
      first: 0,
      count: sizes.ingest,
      concurrency: sizes.concurrency,
    });
    const cpuUse = cpu();
    await sleep(1_000); // the worker's first workflow tasks of the last ones
    const trigger = await triggerWindow(ingest.done);
    progress(`ingest: ${round(ingest.perSecond, 1)}/s; raw client.workflow.start loop of ${sizes.ingest}`);
    const raw = await rawStarts(stack.client, { count: sizes.ingest, concurrency: sizes.concurrency });
    progress(`raw starts: ${round(raw.perSecond)}/s; ${sizes.replies} replies one at a time`);
    const replyWindow = await window('reply: Inbound Parse webhook → workflow closed');
    const base = await measureReplies(ctx, ingest.ingested.slice(0, sizes.replies));
    await sleep(1_000); // what the last reply left to the worker (its forward) after the workflow closed
    const reply = await replyWindow(base.webhookMs.length);
    const replied = ingest.ingested.slice(0, base.webhookMs.length);
    const repliedTasks = await replyTasks(
      stack.client,
      replied.map((s) => sequenceWorkflowId(tenant.organizationId, s.conversation)),
      taskQueue,
    );

    progress(`history: preloading ${sizes.history} ended sequences (insertMany)`);
    const history = await preloadHistory(tenant.organizationId, sizes.history - sizes.baseHistory, true);
    await preloadCounters(tenant.organizationId, tenant.ruleId, sizes.history - sizes.baseHistory, HISTORY_AT());
    await preloadReplyMarks(tenant.organizationId, tenant.ruleId, sizes.history - sizes.baseHistory, HISTORY_AT());
    await archivePreloadedHistory();
    const analyticsAfter = await measureAnalytics(url, tenant.auth, tenant.ruleId);
    const running = ingest.ingested.length - sizes.replies;
    progress(
      `history: ${round(history.perSecond)} documents/s; ${sizes.repliesAfter} replies and ${sizes.ingestAfter} drafts again (${running} sequences running)`,
    );
    const afterCpu = cpuMeter(pids);
    const replyAfterWindow = await window(`reply at history ${sizes.history}`);
    const after = await measureReplies(
      ctx,
      ingest.ingested.slice(sizes.replies, sizes.replies + sizes.repliesAfter),
      sizes.afterBudgetMs,
    );
    await sleep(1_000);
    const replyAfter = await replyAfterWindow(after.webhookMs.length);
    const triggerAfterWindow = await window(`trigger at history ${sizes.history}`);
    const again = await ingestDrafts(url, tenant, {
      first: sizes.ingest,
      count: sizes.ingestAfter,
      concurrency: sizes.concurrency,
      budgetMs: sizes.afterBudgetMs,
    });
    await sleep(1_000);
    const triggerAfter = await triggerAfterWindow(again.done);
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
      operations: { trigger, reply, replyAfter, triggerAfter },
      replyTasks: repliedTasks,
      writes,
      analyticsMs: { base: analyticsBase, after: analyticsAfter },
    };
  } finally {
    for (const service of services) await service.stop();
    await db.close();
  }
}

export async function sleepingSequences(
  stack: BenchStack,
  sizes: Sizes,
  startsPerSecond: number,
): Promise<SleepingResult> {
  const taskQueue = `bench-sleep-${randomUUID()}`;
  const db = await stack.openDatabase('bench_sleep');
  let worker: ServiceProcess | undefined;
  try {
    // The tenant's template rule goes through the API; ingest then stops, so the due time is the worker's alone.
    const ingestService = await stack.startIngest('bench_sleep', taskQueue);
    const tenant = await setUpTenant(ingestService.url).finally(() => ingestService.stop());
    worker = await stack.startWorker('bench_sleep', taskQueue);
    const running = worker;
    const figures = await measureSleeping(
      {
        client: stack.client,
        sink: stack.sink,
        tenant,
        taskQueue,
        worker,
        pids: stack.pids(),
        window: (name) => operationWindow(name, { worker: running }, stack.pids()),
      },
      { sequences: sizes.sleeping, startsPerSecond, drainBudgetMs: sizes.drainMs },
    );
    progress(`sleeping: workflow tasks and activities in ${HISTORY_SAMPLE} histories`);
    const tasks = await workflowTasks(stack.client, figures.sentWorkflowIds.slice(0, HISTORY_SAMPLE));
    return { ...figures, tasks };
  } finally {
    await worker?.stop();
    await db.close();
  }
}
