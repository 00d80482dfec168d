// The admin command: `npm run -s admin -- --help` (locally), `node --import tsx services/admin/src/main.ts --help` (image).
import { ConfigError } from '@follow-ups/config';
import { CommanderError } from 'commander';
import { buildProgram } from './program';
import { reportFailure, stdio } from './output';
import { runInDb } from './runInDb';

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram(stdio, runInDb).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) return 0; // --help, --version
    if (error instanceof ConfigError) {
      stdio.err(error.message);
      return 2;
    }
    return reportFailure(stdio, argv.includes('--json'), error);
  }
}

void main(process.argv).then((code) => process.exit(code));
