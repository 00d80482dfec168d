import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { startProcess, type ManagedProcess } from '../processes';
import { waitUntil } from '../ports';
import { restartable, type Restartable } from './restartable';
import { nodeConfigYaml, type NodeSpec, type PostgresTarget } from './serverConfig';

export type TemporalNodeProcess = ManagedProcess & { frontend: string; membership: string };
export type TemporalNode = Restartable<TemporalNodeProcess> & { spec: NodeSpec; frontend: string; membership: string };

export type TemporalNodeOptions = {
  binary: string;
  spec: NodeSpec;
  /** The node's config, dynamic config and log live here. */
  dir: string;
  postgres: PostgresTarget;
  /** The frontend clients dial (the cluster's rpcAddress). */
  clusterFrontend: string;
  dynamicConfigFile: string;
};

/** One `temporal-server start` process running all four services; resolves once its frontend answers. */
export async function startTemporalNode(options: TemporalNodeOptions): Promise<TemporalNode> {
  const { spec } = options;
  const configDir = path.join(options.dir, 'config');
  fs.mkdirSync(configDir, { recursive: true });
  fs.writeFileSync(
    path.join(configDir, 'development.yaml'),
    nodeConfigYaml(spec, options.postgres, options.clusterFrontend, options.dynamicConfigFile),
  );
  const frontend = `${spec.ip}:${spec.ports.frontend}`;
  const membership = `${spec.ip}:${spec.ports.membership.history}`;
  const args = ['--root', options.dir, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'];
  const launch = async (): Promise<TemporalNodeProcess> => {
    const proc = startProcess(spec.name, options.binary, args, { logFile: path.join(options.dir, 'server.log') });
    try {
      await Promise.race([
        waitUntil(`Temporal node ${spec.name}`, () => frontendAnswers(frontend), 120_000),
        exitedEarly(proc, path.join(options.dir, 'server.log')),
      ]);
    } catch (error) {
      await proc.stop();
      throw error;
    }
    return { ...proc, frontend, membership };
  };
  return { ...(await restartable(spec.name, launch)), spec, frontend, membership };
}

/** Rejects when the process exits before it is ready (waitUntil would wait its whole timeout). */
const exitedEarly = (proc: ManagedProcess, logFile: string) =>
  new Promise<never>((_, reject) => {
    const fail = () => reject(new Error(`${proc.name} exited while starting (see ${logFile})`));
    if (proc.child.exitCode !== null) fail();
    else proc.child.once('exit', fail);
  });

/** True when the node's frontend answers GetSystemInfo. */
export async function frontendAnswers(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.withDeadline(Date.now() + 2_000, () => connection.workflowService.getSystemInfo({}));
    return true;
  } finally {
    await connection.close();
  }
}
