import { execFileSync } from 'node:child_process';
import path from 'node:path';

export type Binaries = { temporal: string; ferretdb: string };

/**
 * Builds (first time only) and locates the Temporal CLI and FerretDB through build-binaries.sh,
 * which keeps them in a cache outside the repository. Progress goes to stderr.
 */
export function ensureBinaries(): Binaries {
  const script = path.join(__dirname, 'build-binaries.sh');
  const output = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const value = (key: string) => {
    const line = output.split('\n').find((l) => l.startsWith(`${key}=`));
    if (!line) throw new Error(`build-binaries.sh did not report ${key}`);
    return line.slice(key.length + 1);
  };
  return { temporal: value('TEMPORAL_CLI_PATH'), ferretdb: value('FERRETDB_PATH') };
}
