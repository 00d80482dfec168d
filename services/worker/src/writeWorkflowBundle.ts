// Build step (deploy/production/build.mjs): writes the workflow bundle once, so a production worker
// loads it (FOLLOWUPS_WORKFLOW_BUNDLE) instead of running webpack at every start.
//   node --conditions=compiled services/worker/dist/writeWorkflowBundle.js <output.js>
import fs from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowsPath } from '@follow-ups/workflows';

async function main(output: string | undefined): Promise<void> {
  if (!output) throw new Error('usage: writeWorkflowBundle <output.js>');
  const { code } = await bundleWorkflowCode({ workflowsPath });
  fs.writeFileSync(output, code);
  console.log(`workflow bundle from ${workflowsPath}: ${output} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
