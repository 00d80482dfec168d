import fs from 'node:fs';
import type { ManagedProcess } from '../processes';
import type { Restartable } from './restartable';
import type { TemporalNode } from './temporalNode';

type Named = { name: string; pid: number | undefined };

export type ClusterFile = {
  temporal: (Named & { frontend: string; membership: string })[];
  ferretdb: (Named & { uri: string })[];
  ingest: (Named & { url: string })[];
  workers: Named[];
  others: Named[];
};

export type ClusterProcesses = {
  temporal: TemporalNode[];
  ferretdb: Restartable<ManagedProcess & { uri: string }>[];
  ingest: (Restartable<ManagedProcess> & { url: string })[];
  workers: Restartable<ManagedProcess>[];
  others: Restartable<ManagedProcess>[];
};

const named = (p: Restartable<ManagedProcess>): Named => ({ name: p.name, pid: p.pid() });

/** `.stack/cluster.json`: every process of `npm run cluster`, with its pid (rewritten after a restart). */
export function writeClusterFile(file: string, processes: ClusterProcesses): ClusterFile {
  const content: ClusterFile = {
    temporal: processes.temporal.map((n) => ({ ...named(n), frontend: n.frontend, membership: n.membership })),
    ferretdb: processes.ferretdb.map((f) => ({ ...named(f), uri: f.current().uri })),
    ingest: processes.ingest.map((i) => ({ ...named(i), url: i.url })),
    workers: processes.workers.map(named),
    others: processes.others.map(named),
  };
  fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return content;
}
