// What the benchmark prints per operation: commands and CPU ms by process beside the goals of
// issue 23, Temporal's workflow tasks and activities, the top commands, and the summary fields.
import {
  commandsPer,
  cpuMsPer,
  operationProfiles,
  printOperations,
  type Floor,
  type OperationCost,
} from './operations';
import type { BackendResult } from './report';
import { round } from './measure';
import { taskCountsText } from './workflowTasks';

/** The goals (issue 23): a trigger ≤ 4 commands and ≤ 8 ms CPU in ingest, a follow-up ≤ 6 and ≤ 10 ms in the worker, a reply ≤ 8. */
const FLOORS: Record<'trigger' | 'followUp' | 'reply', Floor> = {
  trigger: { service: 'ingest', commands: 4, cpuMs: 8 },
  followUp: { service: 'worker', commands: 6, cpuMs: 10 },
  reply: { service: 'ingest', commands: 8 },
};

function operationsOf({ ingest, sleeping }: BackendResult): Array<{ op: OperationCost; floor?: Floor }> {
  return [
    ...(ingest
      ? [
          { op: ingest.operations.trigger, floor: FLOORS.trigger },
          { op: ingest.operations.reply, floor: FLOORS.reply },
          { op: ingest.operations.replyAfter, floor: FLOORS.reply },
          { op: ingest.operations.triggerAfter, floor: FLOORS.trigger },
        ]
      : []),
    ...(sleeping
      ? [{ op: sleeping.operations.start }, { op: sleeping.operations.followUp, floor: FLOORS.followUp }]
      : []),
  ];
}

/** The per-operation table, Temporal's share per trigger and follow-up, then each process's top commands. */
export function printOperationCosts(result: BackendResult): void {
  const ops = operationsOf(result);
  if (!ops.length) return;
  console.log(
    '\nPer operation: MongoDB commands by the process that sent them, CPU ms by process (all: every process):',
  );
  printOperations(ops);
  if (result.sleeping) {
    const { tasks } = result.sleeping;
    console.log(`\nTemporal, from ${tasks.sampled} sequence histories of the sleeping phase:`);
    console.log(`  per trigger (start → first sleep): ${taskCountsText(tasks.trigger)}`);
    console.log(`  per follow-up sent (timer fired → next sleep): ${taskCountsText(tasks.followUp)}`);
  }
  if (result.ingest) {
    const r = result.ingest.replyTasks;
    console.log(
      `\nTemporal, per reply (${r.replies} replies at the base history, ${r.forwards} forwardReply workflows):`,
    );
    console.log(`  the sequence (reply signal → closed): ${taskCountsText(r.sequence)}`);
    console.log(`  its forwardReply workflow: ${taskCountsText(r.forward)}`);
  }
  const top = (op: OperationCost, service: string) =>
    op === result.ingest?.operations.trigger && service === 'ingest'
      ? 12
      : op === result.sleeping?.operations.followUp
        ? 16
        : 4;
  console.log('\nMongoDB commands (driver monitoring, in each process) per operation, largest total first:');
  for (const line of operationProfiles(
    ops.map(({ op }) => op),
    top,
  ))
    console.log(`  ${line}`);
}

/** The summary line's per-operation fields (NaN where a phase did not run). */
export function operationSummary({ ingest, sleeping }: BackendResult) {
  const followUp = sleeping?.operations.followUp;
  return {
    cmds_trigger: round(commandsPer(ingest?.operations.trigger, 'ingest'), 1),
    cmds_followup: round(commandsPer(followUp, 'worker'), 1),
    cmds_reply: round(commandsPer(ingest?.operations.reply, 'ingest'), 1),
    cmds_reply_worker: round(commandsPer(ingest?.operations.reply, 'worker'), 1),
    cpu_ms_ingest: round(cpuMsPer(ingest?.operations.trigger, 'ingest'), 1),
    cpu_ms_followup: round(cpuMsPer(followUp, 'worker'), 1),
    wft_followup: sleeping?.tasks.sampled ? round(sleeping.tasks.followUp.workflowTasks, 1) : NaN,
    activities_followup: sleeping?.tasks.sampled ? round(sleeping.tasks.followUp.activities, 1) : NaN,
    local_activities_followup: sleeping?.tasks.sampled ? round(sleeping.tasks.followUp.localActivities, 1) : NaN,
  };
}
