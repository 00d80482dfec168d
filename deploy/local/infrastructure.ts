import path from 'node:path';
import fs from 'node:fs';
import { ensureBinaries } from './binaries';
import { startTemporal } from './temporal';
import { startFerretDb } from './ferretdb';
import { freePort } from './ports';
import type { ManagedProcess } from './processes';

export type Infrastructure = {
  temporalAddress: string;
  temporalUiUrl: string | null;
  mongodbUri: string;
  started: ManagedProcess[];
  stop: () => Promise<void>;
};

export type InfrastructureOptions = {
  /** Where the SQLite files and logs live. */
  stateDir: string;
  /** Fixed ports for `npm start`; tests pass nothing and get free ones. */
  ports?: { temporal: number; temporalUi: number; ferretdb: number };
  /** Keep Temporal's state in a file so sequences survive a restart of the stack. */
  persistent: boolean;
  env?: NodeJS.ProcessEnv;
};

/**
 * Starts the Temporal dev server (with Web UI when ports are given) and FerretDB, unless
 * TEMPORAL_ADDRESS / MONGODB_URI already point at servers, in which case those are used as they are.
 */
export async function startInfrastructure(options: InfrastructureOptions): Promise<Infrastructure> {
  const env = options.env ?? process.env;
  fs.mkdirSync(options.stateDir, { recursive: true });
  const needTemporal = !env.TEMPORAL_ADDRESS;
  const needMongo = !env.MONGODB_URI;
  const binaries = needTemporal || needMongo ? ensureBinaries() : null;
  const started: ManagedProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((p) => p.stop()));
  };

  try {
    let temporalAddress = env.TEMPORAL_ADDRESS ?? '';
    let temporalUiUrl: string | null = null;
    if (binaries && needTemporal) {
      const port = options.ports?.temporal ?? (await freePort());
      const uiPort = options.ports?.temporalUi;
      console.error(`[stack] starting Temporal dev server on 127.0.0.1:${port}${uiPort ? `, Web UI on :${uiPort}` : ''}`);
      const temporal = await startTemporal({
        binary: binaries.temporal,
        port,
        uiPort,
        httpPort: await freePort(),
        metricsPort: await freePort(),
        dbFile: options.persistent ? path.join(options.stateDir, 'temporal.sqlite') : undefined,
        logFile: path.join(options.stateDir, 'temporal.log'),
      });
      started.push(temporal);
      temporalAddress = temporal.address;
      temporalUiUrl = uiPort ? `http://localhost:${uiPort}` : null;
    }

    let mongodbUri = env.MONGODB_URI ?? '';
    if (binaries && needMongo) {
      const port = options.ports?.ferretdb ?? (await freePort());
      console.error(`[stack] starting FerretDB (SQLite) on 127.0.0.1:${port}`);
      const ferret = await startFerretDb({
        binary: binaries.ferretdb,
        port,
        dataDir: path.join(options.stateDir, 'ferretdb'),
        logFile: path.join(options.stateDir, 'ferretdb.log'),
      });
      started.push(ferret);
      mongodbUri = `${ferret.uri}followups`;
    }
    return { temporalAddress, temporalUiUrl, mongodbUri, started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
