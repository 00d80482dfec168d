// `npm run build`: compiles the workspaces to JavaScript and prebuilds the worker's workflow bundle.
//   1. tsc -p tsconfig.build.json → .build/<workspace>/src/**.js
//   2. each workspace's output moves to <workspace>/dist/ (its package.json `exports` maps the
//      `compiled` condition there, so `node --conditions=compiled` loads dist/, tsx and jest src/);
//   3. workflows/dist/workflow-bundle.js, bundled from the compiled workflows (FOLLOWUPS_WORKFLOW_BUNDLE).
// Build only: nothing here runs a service.
/* global process, console */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, '.build');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

function workspaces() {
  const { workspaces: globs } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return globs.flatMap((glob) =>
    glob.endsWith('/*')
      ? fs.readdirSync(path.join(root, glob.slice(0, -2))).map((name) => path.join(glob.slice(0, -2), name))
      : [glob],
  );
}

fs.rmSync(out, { recursive: true, force: true });
run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
for (const workspace of workspaces()) {
  const compiled = path.join(out, workspace, 'src');
  const dist = path.join(root, workspace, 'dist');
  fs.rmSync(dist, { recursive: true, force: true });
  if (fs.existsSync(compiled)) fs.renameSync(compiled, dist);
}
fs.rmSync(out, { recursive: true, force: true });
run(process.execPath, [
  '--conditions=compiled',
  path.join(root, 'services/worker/dist/writeWorkflowBundle.js'),
  path.join(root, 'workflows/dist/workflow-bundle.js'),
]);
console.log('built: <workspace>/dist/ and workflows/dist/workflow-bundle.js');
