import { execFileSync } from 'node:child_process';
import path from 'node:path';

export type ClusterBinaries = { server: string; sqlTool: string; schemaDir: string; uiServer: string };

const script = path.join(__dirname, '..', 'build-cluster-binaries.sh');

function parse(output: string): ClusterBinaries {
  const value = (key: string) => {
    const line = output.split('\n').find((l) => l.startsWith(`${key}=`));
    if (!line) throw new Error(`build-cluster-binaries.sh did not report ${key}`);
    return line.slice(key.length + 1);
  };
  return {
    server: value('TEMPORAL_SERVER_PATH'),
    sqlTool: value('TEMPORAL_SQL_TOOL_PATH'),
    schemaDir: value('TEMPORAL_SCHEMA_DIR'),
    uiServer: value('TEMPORAL_UI_SERVER_PATH'),
  };
}

/**
 * Builds (first time only) and locates Temporal's server, its SQL schema tool and the UI server
 * through build-cluster-binaries.sh (cached beside the CLI and FerretDB). Progress goes to stderr.
 */
export function ensureClusterBinaries(): ClusterBinaries {
  return parse(execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
}

/** The binaries when they are already built, else null (nothing is built: for tests that skip without them). */
export function builtClusterBinaries(): ClusterBinaries | null {
  try {
    return parse(
      execFileSync('bash', [script, '--if-built'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    );
  } catch {
    return null;
  }
}
