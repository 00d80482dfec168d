import fs from 'node:fs';
import { stackFilePath } from './stackFile';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__followUpsInfra?.stop();
  fs.rmSync(stackFilePath(), { force: true });
}
