// A fault test's own FerretDB and Temporal (free ports, Temporal persisted to a file), so it can stop
// and restart them while the shared test servers stay up. `start()` points the environment at them;
// `close()` stops them and points it back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBinaries } from '../../deploy/local/binaries';
import { startFerretDb } from '../../deploy/local/ferretdb';
import { freePort } from '../../deploy/local/ports';
import type { ManagedProcess } from '../../deploy/local/processes';
import { startTemporal } from '../../deploy/local/temporal';

export type OwnServers = { temporal: ManagedProcess & { address: string }; ferret: ManagedProcess & { uri: string } };

export function ownServers(name: string) {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `follow-ups-faults-${name}-`));
  const saved = { temporal: process.env.TEMPORAL_ADDRESS, mongo: process.env.MONGODB_URI };
  const binaries = ensureBinaries();
  const ports = { temporal: 0, ferret: 0 };

  const startTemporalServer = () =>
    Promise.all([freePort(), freePort()]).then(([httpPort, metricsPort]) =>
      startTemporal({
        binary: binaries.temporal,
        port: ports.temporal,
        httpPort,
        metricsPort,
        dbFile: path.join(stateDir, 'temporal.sqlite'),
        logFile: path.join(stateDir, 'temporal.log'),
      }),
    );
  const startFerret = () =>
    startFerretDb({
      binary: binaries.ferretdb,
      port: ports.ferret,
      dataDir: path.join(stateDir, 'ferretdb'),
      logFile: path.join(stateDir, 'ferretdb.log'),
    });

  return {
    /** Starts again on the same port and file (after a `stop()`). */
    startTemporalServer,
    startFerret,
    async start(): Promise<OwnServers> {
      ports.temporal = await freePort();
      ports.ferret = await freePort();
      const [temporal, ferret] = await Promise.all([startTemporalServer(), startFerret()]);
      process.env.TEMPORAL_ADDRESS = temporal.address;
      process.env.MONGODB_URI = `${ferret.uri}faults`;
      return { temporal, ferret };
    },
    async close(servers: Partial<OwnServers> | undefined): Promise<void> {
      await Promise.all([servers?.temporal?.stop(), servers?.ferret?.stop()]);
      process.env.TEMPORAL_ADDRESS = saved.temporal;
      process.env.MONGODB_URI = saved.mongo;
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
