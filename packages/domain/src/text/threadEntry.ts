// How a worker thread starts a TypeScript or JavaScript entry file: under plain node (no
// TypeScript loader) tsx compiles a .ts entry. Shared by the template sandbox and the HTML thread.
import path from 'node:path';

/** `name` beside the calling module, with that module's extension (.ts in tests, .js when built). */
export const siblingEntry = (dirname: string, filename: string, name: string): string =>
  path.join(dirname, `${name}${path.extname(filename)}`);

/** The `eval` source that loads `entry` in a thread. */
export const threadBootstrap = (entry: string): string =>
  `${entry.endsWith('.ts') ? "require('tsx/cjs/api').register();" : ''} require(${JSON.stringify(entry)});`;
