import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_TYPES } from '@follow-ups/workflows';
import { startProcess, assertAlive, ProcessExited, type ManagedProcess } from './processes';
import { waitUntil } from './ports';

export type TemporalOptions = {
  binary: string;
  port: number;
  uiPort?: number; // undefined → headless
  httpPort: number;
  metricsPort: number;
  dbFile?: string; // undefined → in memory
  logFile?: string;
};

/** `temporal server start-dev` with the project's search attributes; resolves once `default` answers. */
export async function startTemporal(options: TemporalOptions): Promise<ManagedProcess & { address: string }> {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--http-port',
    String(options.httpPort),
    '--metrics-port',
    String(options.metricsPort),
    '--log-level',
    'warn',
  ];
  args.push(...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']));
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_TYPES)) args.push('--search-attribute', `${name}=${type}`);

  const address = `127.0.0.1:${options.port}`;
  // The dev server sometimes exits while it starts on a file it ran on before (stale cluster membership
  // rows, a port taken in between): it is started again, at most twice, with the reason printed.
  for (let attempt = 1; ; attempt++) {
    const proc = startProcess('temporal', options.binary, args, { logFile: options.logFile });
    try {
      await waitUntil(
        'Temporal',
        async () => {
          assertAlive(proc);
          return temporalAnswers(address);
        },
        90_000,
      );
      return { ...proc, address };
    } catch (error) {
      await proc.stop();
      if (!(error instanceof ProcessExited) || attempt === 3) throw error;
      console.error(
        `[stack] Temporal exited while starting (attempt ${attempt} of 3), starting it again: ${error.message}`,
      );
    }
  }
}

/** True when the frontend answers and the `default` namespace exists. */
export async function temporalAnswers(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.describeNamespace({ namespace: 'default' });
    return true;
  } finally {
    await connection.close();
  }
}
