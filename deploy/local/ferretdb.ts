import fs from 'node:fs';
import { startProcess, assertAlive, type ManagedProcess } from './processes';
import { canConnect, waitUntil } from './ports';

export type FerretDbOptions = {
  binary: string;
  port: number;
  /** FerretDB's state, and the SQLite files when no `postgresqlUrl` is given. */
  dataDir: string;
  logFile?: string;
  /** Use the PostgreSQL handler on this server instead of SQLite. */
  postgresqlUrl?: string;
  /** SQLite pragmas added to `--sqlite-url` (FerretDB itself sets busy_timeout, journal_mode(wal), auto_vacuum(none)). */
  sqlitePragmas?: string[];
};

/** FerretDB on a SQLite directory or a PostgreSQL server; resolves once it accepts connections. */
export async function startFerretDb(options: FerretDbOptions): Promise<ManagedProcess & { uri: string }> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const pragmas = (options.sqlitePragmas ?? []).map((p) => `_pragma=${encodeURIComponent(p)}`).join('&');
  const backend = options.postgresqlUrl
    ? ['--handler=postgresql', `--postgresql-url=${options.postgresqlUrl}`]
    : ['--handler=sqlite', `--sqlite-url=file:${options.dataDir}/${pragmas ? `?${pragmas}` : ''}`];
  const args = [
    ...backend,
    `--listen-addr=127.0.0.1:${options.port}`,
    '--debug-addr=-',
    `--state-dir=${options.dataDir}`,
    '--telemetry=disable',
    '--log-level=warn',
  ];
  const proc = startProcess('ferretdb', options.binary, args, { logFile: options.logFile });
  try {
    await waitUntil(
      'FerretDB',
      async () => {
        assertAlive(proc);
        return canConnect('127.0.0.1', options.port);
      },
      30_000,
    );
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { ...proc, uri: `mongodb://127.0.0.1:${options.port}/` };
}
