// `npx tsx test/bench/replayCost.ts [--history=completed] [--n=200]`: the workflow side of a follow-up
// alone, as CPU time (stable on a loaded machine, unlike lateness): a recorded followUpSequence history
// (test/workflows/histories/) replayed n times on the bundle the worker runs (lean, workflowBundle.ts),
// after a warm-up. A replay is what a sequence evicted from the worker's cache costs when it wakes;
// each of its workflow tasks is one activation, which is what a cached sequence pays per task.
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { workflowsPath } from '@follow-ups/workflows';
import { leanWorkflowBundle } from '../../services/worker/src/workflowBundle';

const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const name = flag('history') ?? 'completed';
const n = Number(flag('n') ?? 200);
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error } as never;

async function replay(code: string, history: temporal.api.history.v1.History, count: number): Promise<void> {
  const histories = Array.from({ length: count }, (_, i) => ({ workflowId: `replay-${i}`, history }));
  for await (const result of Worker.runReplayHistories({ workflowBundle: { code } }, histories))
    if (result.error) throw result.error;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const file = path.join(__dirname, '../workflows/histories', `${name}.json`);
  const history = temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(file, 'utf8')));
  const tasks = history.events.filter((e) => e.workflowTaskCompletedEventAttributes).length;
  const code = await leanWorkflowBundle((await bundleWorkflowCode({ workflowsPath, logger: quiet })).code);
  await replay(code, history, 20);
  const before = process.cpuUsage();
  const began = Date.now();
  await replay(code, history, n);
  const cpu = process.cpuUsage(before);
  const perReplay = (cpu.user + cpu.system) / 1000 / n;
  console.log(
    `replay ${name} (${history.events.length} events, ${tasks} workflow tasks) ×${n}: ` +
      `${perReplay.toFixed(2)} ms CPU per replay, ${(perReplay / tasks).toFixed(2)} per workflow task, ` +
      `${((Date.now() - began) / n).toFixed(2)} ms wall; bundle ${(code.length / 1024).toFixed(0)} KiB`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
