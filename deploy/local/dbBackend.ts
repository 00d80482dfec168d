/**
 * Which database FerretDB stores its data in, for `npm start`, the tests and the benchmark:
 * FOLLOW_UPS_DB_BACKEND=sqlite|postgres. PostgreSQL by default: measured with `npm run bench -- --backend=both`
 * it took 3.5× the drafts per second and answered replies 6× faster, without slowing as history grew
 * (PERFORMANCE.md). Production uses MongoDB itself (MONGODB_URI) and starts neither.
 */
export const DB_BACKENDS = ['sqlite', 'postgres'] as const;
export type DbBackend = (typeof DB_BACKENDS)[number];
export const DEFAULT_DB_BACKEND: DbBackend = 'postgres';

/**
 * SQLite pragmas on top of FerretDB's own (busy_timeout(10000), journal_mode(wal), auto_vacuum(none)):
 * in WAL mode synchronous(normal) commits without an fsync (a crash of the process loses nothing,
 * a power cut may lose the last commits). FOLLOW_UPS_SQLITE_PRAGMAS="" keeps FerretDB's defaults.
 */
export const DEFAULT_SQLITE_PRAGMAS = ['synchronous(normal)'];

export function dbBackendFrom(env: NodeJS.ProcessEnv = process.env): DbBackend {
  const value = env.FOLLOW_UPS_DB_BACKEND || DEFAULT_DB_BACKEND;
  if (!(DB_BACKENDS as readonly string[]).includes(value))
    throw new Error(`FOLLOW_UPS_DB_BACKEND must be one of ${DB_BACKENDS.join(', ')}, got "${value}"`);
  return value as DbBackend;
}

export function sqlitePragmasFrom(env: NodeJS.ProcessEnv = process.env): string[] {
  const value = env.FOLLOW_UPS_SQLITE_PRAGMAS;
  if (value === undefined) return DEFAULT_SQLITE_PRAGMAS;
  return value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * On PostgreSQL, FerretDB's indexes are mirrored as GIN indexes its queries can use
 * (postgresIndexes.ts). FOLLOW_UPS_PG_GIN_INDEXES=0 keeps FerretDB's own only (every query scans).
 */
export const pgGinIndexesFrom = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.FOLLOW_UPS_PG_GIN_INDEXES !== '0';
