import path from 'node:path';
import { connectDb, disconnectDb, ensureIndexes } from '@follow-ups/db';
import { assertAlive, startProcess, type ManagedProcess } from '../processes';
import { canConnect, waitUntil } from '../ports';
import { restartable, type Restartable } from './restartable';

const root = path.resolve(__dirname, '../../..');

/** A service of the repository (`node --import tsx <entry>`), ready once `ready()` is true. */
export function startService(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  logDir: string,
  ready: () => Promise<boolean> = async () => true,
  nodeFlags: readonly string[] = [],
): Promise<Restartable<ManagedProcess>> {
  return restartable(name, async () => {
    const proc = startProcess(name, process.execPath, [...nodeFlags, '--import', 'tsx', path.join(root, entry)], {
      env,
      cwd: root,
      logFile: path.join(logDir, `${name}.log`),
    });
    try {
      await waitUntil(name, async () => (assertAlive(proc), ready()), 120_000);
    } catch (error) {
      await proc.stop();
      throw error;
    }
    return proc;
  });
}

export const answersHealth = (baseUrl: string) => async () => (await fetch(`${baseUrl}/healthz`)).ok;
export const listens = (port: number) => () => canConnect('127.0.0.1', port);

/** The collections and indexes of `mongodbUri`'s database, made once before other FerretDBs start. */
export async function prepareDatabase(mongodbUri: string): Promise<void> {
  await connectDb(mongodbUri);
  try {
    await ensureIndexes();
  } finally {
    await disconnectDb();
  }
}
