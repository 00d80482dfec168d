// Every recorded history of `followUpSequence` (record.ts), and of `forwardReply`, replays against
// today's workflow code without a nondeterminism error: a change that would break running sequences
// fails here, not in production. See docs/changing-workflows.md.
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { temporalDataConverterFromEnv } from '@follow-ups/config';
import { scenarios } from './scenarios';

const historyFile = (name: string) => path.join(__dirname, `${name}.json`);
/** The file holds `JSON.stringify(await handle.fetchHistory())`: protobuf's own JSON of the History message. */
const readHistory = (name: string) =>
  temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(historyFile(name), 'utf8')));

/** Replays the recorded histories `names` on the bundle the workers run (built once by the global setup). */
async function replayAll(names: string[]): Promise<{ workflowId: string; error: string | null }[]> {
  const results: { workflowId: string; error: string | null }[] = [];
  const replay = Worker.runReplayHistories(
    // With the tests' payload key: histories recorded in clear pass through the codec's decode.
    {
      workflowBundle: { codePath: process.env.FOLLOWUPS_WORKFLOW_BUNDLE! },
      dataConverter: temporalDataConverterFromEnv(),
    },
    names.map((name) => ({ workflowId: name, history: readHistory(name) })),
  );
  for await (const result of replay)
    results.push({ workflowId: result.workflowId, error: result.error ? String(result.error) : null });
  return results;
}

describe('recorded followUpSequence histories replay on the current workflow code', () => {
  it('has a recorded history for every scenario', () => {
    const missing = scenarios.filter((s) => !fs.existsSync(historyFile(s.name))).map((s) => s.name);
    expect(missing).toEqual([]);
  });

  it('replays each of them without nondeterminism', async () => {
    const results = await replayAll(scenarios.map((s) => s.name));
    expect(results).toEqual(scenarios.map((s) => ({ workflowId: s.name, error: null })));
  });

  it('replays each scenario recorded when follow-ups were sent through an activity task (behind patched)', async () => {
    const names = scenarios.map((s) => `${ACTIVITY_TASK_SENDS}/${s.name}`);
    const results = await replayAll(names);
    expect(results).toEqual(names.map((name) => ({ workflowId: name, error: null })));
  });
});

/** The scenarios as recorded before `patched('send-as-local-activity')` (sendStep.ts): what sequences running then hold. */
const ACTIVITY_TASK_SENDS = 'activity-task-sends';

/** `forwardReply` histories recorded by test/performance/forwardCommands.test.ts (RECORD_FORWARD_HISTORY=<file>). */
const FORWARD_HISTORIES = ['forward-reply-two-activities', 'forward-reply-one-activity'];

describe('recorded forwardReply histories replay on the current workflow code', () => {
  it('replays the two-activity runs (before passOnReceivedMail) and the one-activity runs', async () => {
    const results = await replayAll(FORWARD_HISTORIES);
    expect(results).toEqual(FORWARD_HISTORIES.map((name) => ({ workflowId: name, error: null })));
  });
});
