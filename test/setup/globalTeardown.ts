import fs from 'node:fs';
import { stackFilePath, type TestStack } from './stackFile';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__followUpsInfra?.stop();
  // The servers' state (a PostgreSQL cluster is ~40 MB) goes with them.
  const file = stackFilePath();
  if (fs.existsSync(file))
    fs.rmSync((JSON.parse(fs.readFileSync(file, 'utf8')) as TestStack).stateDir, { recursive: true, force: true });
  fs.rmSync(file, { force: true });
}
