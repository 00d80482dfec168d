import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { SQL_PLUGIN, TEMPORAL_DATABASE, VISIBILITY_DATABASE, type PostgresTarget } from './serverConfig';

const run = promisify(execFile);

/**
 * Creates Temporal's two databases on PostgreSQL and brings their schema to the server release's
 * version with its own tool (`temporal-sql-tool`), from the schema files shipped in the server module:
 * `<schemaDir>/temporal/versioned` and `<schemaDir>/visibility/versioned`. Idempotent.
 */
export async function setupTemporalSchema(sqlTool: string, schemaDir: string, pg: PostgresTarget): Promise<void> {
  await ensureSchema(sqlTool, pg, TEMPORAL_DATABASE, path.join(schemaDir, 'temporal', 'versioned'));
  await ensureSchema(sqlTool, pg, VISIBILITY_DATABASE, path.join(schemaDir, 'visibility', 'versioned'));
}

async function ensureSchema(
  sqlTool: string,
  pg: PostgresTarget,
  database: string,
  versionedDir: string,
): Promise<void> {
  const tool = (...command: string[]) =>
    run(sqlTool, [
      '--plugin',
      SQL_PLUGIN,
      '--ep',
      pg.host,
      '--port',
      String(pg.port),
      '--user',
      pg.user,
      '--password',
      pg.password ?? '',
      '--db',
      database,
      ...command,
    ]);
  await tool('create-database').catch((error: { stderr?: string; stdout?: string }) => {
    if (!/already exists/.test(`${error.stderr}${error.stdout}`)) throw failure(database, 'create-database', error);
  });
  // update-schema needs the schema_version table that setup-schema makes on a new database.
  await tool('update-schema', '--schema-dir', versionedDir).catch(async () => {
    await tool('setup-schema', '--version', '0.0').catch((error) =>
      Promise.reject(failure(database, 'setup-schema', error)),
    );
    await tool('update-schema', '--schema-dir', versionedDir).catch((error) =>
      Promise.reject(failure(database, 'update-schema', error)),
    );
  });
}

const failure = (database: string, step: string, error: { stderr?: string; message?: string }) =>
  new Error(
    `temporal-sql-tool ${step} on ${database} failed: ${(error.stderr || error.message || '').trim().slice(-1_000)}`,
  );
