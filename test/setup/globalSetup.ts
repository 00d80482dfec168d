import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { leanWorkflowBundle } from '@follow-ups/worker';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startInfrastructure, type Infrastructure } from '../../deploy/local/infrastructure';
import { stackFilePath, type TestStack } from './stackFile';
import { workflowsPath } from '@follow-ups/workflows';

declare global {
  var __followUpsInfra: Infrastructure | undefined;
}

/**
 * Starts a throw-away Temporal dev server and FerretDB (FOLLOW_UPS_DB_BACKEND) on free ports (or uses TEMPORAL_ADDRESS /
 * MONGODB_URI when set), bundles the workflows once, and hands the addresses to the tests.
 */
export default async function globalSetup(): Promise<void> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'follow-ups-test-'));
  const started = Date.now();
  const infra = await startInfrastructure({ stateDir, persistent: false });
  globalThis.__followUpsInfra = infra;

  const bundle = await bundleWorkflowCode({
    workflowsPath,
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error } as never,
  });
  const bundlePath = path.join(stateDir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, await leanWorkflowBundle(bundle.code));

  const stack: TestStack = {
    temporalAddress: infra.temporalAddress,
    mongodbUri: infra.mongodbUri,
    workflowBundlePath: bundlePath,
    stateDir,
  };
  fs.writeFileSync(stackFilePath(), JSON.stringify(stack));
  console.error(
    `[test] stack ready in ${Date.now() - started} ms (Temporal ${infra.temporalAddress}, MongoDB ${infra.mongodbUri}${infra.backend ? ` on FerretDB/${infra.backend}` : ''})`,
  );
}
