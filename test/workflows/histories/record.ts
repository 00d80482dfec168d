// Records the histories the replay test replays: `npm run record-histories` (see
// docs/changing-workflows.md). Runs each scenario of scenarios.ts on a Temporal dev server (the
// one at TEMPORAL_ADDRESS, else a throw-away one) with the workflow bundle the worker uses, and
// writes `<scenario>.json` beside this file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { leanWorkflowBundle } from '@follow-ups/worker';
import { workflowsPath } from '@follow-ups/workflows';
import { ensureBinaries } from '../../../deploy/local/binaries';
import { freePort } from '../../../deploy/local/ports';
import { startTemporal } from '../../../deploy/local/temporal';
import { withTestWorker } from '../../helpers/testWorker';
import { scenarioActivities, scenarios, type Scenario } from './scenarios';
import type { followUpSequence } from '../../../workflows/src/workflows';

async function main(): Promise<void> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'follow-ups-histories-'));
  const temporal = process.env.TEMPORAL_ADDRESS ? null : await startTemporal(await temporalOptions(stateDir));
  if (temporal) process.env.TEMPORAL_ADDRESS = temporal.address;
  try {
    const bundlePath = path.join(stateDir, 'workflow-bundle.js');
    fs.writeFileSync(bundlePath, await leanWorkflowBundle((await bundleWorkflowCode({ workflowsPath })).code));
    process.env.FOLLOWUPS_WORKFLOW_BUNDLE = bundlePath;
    const only = process.argv.slice(2);
    for (const scenario of scenarios.filter((s) => !only.length || only.includes(s.name))) await record(scenario);
  } finally {
    await temporal?.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

async function temporalOptions(stateDir: string) {
  return {
    binary: ensureBinaries().temporal,
    port: await freePort(),
    httpPort: await freePort(),
    metricsPort: await freePort(),
    logFile: path.join(stateDir, 'temporal.log'),
  };
}

async function record(scenario: Scenario): Promise<void> {
  await withTestWorker(scenarioActivities(scenario.outcomes), async ({ client, taskQueue }) => {
    const workflowId = `${scenario.name}-${Date.now()}`;
    const handle = await client.workflow.start<typeof followUpSequence>('followUpSequence', {
      taskQueue,
      workflowId,
      args: [scenario.input()],
    });
    await scenario.drive?.(handle);
    const state = await handle.result();
    const history = await handle.fetchHistory();
    fs.writeFileSync(path.join(__dirname, `${scenario.name}.json`), `${JSON.stringify(history, null, 2)}\n`);
    console.log(`${scenario.name}: ${state.status}, ${state.followUpsSent} sent, ${history.events?.length} events`);
  });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
