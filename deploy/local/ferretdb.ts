import fs from 'node:fs';
import { startProcess, assertAlive, type ManagedProcess } from './processes';
import { canConnect, waitUntil } from './ports';

export type FerretDbOptions = { binary: string; port: number; dataDir: string; logFile?: string };

/** FerretDB on a SQLite directory; resolves once it accepts connections. */
export async function startFerretDb(options: FerretDbOptions): Promise<ManagedProcess & { uri: string }> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${options.dataDir}/`,
    `--listen-addr=127.0.0.1:${options.port}`,
    '--debug-addr=-',
    `--state-dir=${options.dataDir}`,
    '--telemetry=disable',
    '--log-level=warn',
  ];
  const proc = startProcess('ferretdb', options.binary, args, { logFile: options.logFile });
  try {
    await waitUntil('FerretDB', async () => {
      assertAlive(proc);
      return canConnect('127.0.0.1', options.port);
    }, 30_000);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { ...proc, uri: `mongodb://127.0.0.1:${options.port}/` };
}
