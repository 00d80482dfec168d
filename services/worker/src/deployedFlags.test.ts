// The worker is started with WORKER_NODE_FLAGS everywhere it is deployed (compose, k8s), as npm start,
// the local cluster and the benchmark start it from the constant itself.
import fs from 'node:fs';
import path from 'node:path';
import { WORKER_NODE_FLAGS } from '@follow-ups/config';

const production = path.resolve(__dirname, '../../../deploy/production');
const workerCommand = (file: string) =>
  fs
    .readFileSync(path.join(production, file), 'utf8')
    .split('\n')
    .find((line) => line.includes('services/worker/dist/main.js'));

it.each(['compose.yaml', 'k8s/worker.yaml'])('%s starts the worker with WORKER_NODE_FLAGS', (file) => {
  const command = workerCommand(file);
  expect(command).toBeDefined();
  for (const flag of WORKER_NODE_FLAGS) expect(command).toContain(`"${flag}"`);
});
