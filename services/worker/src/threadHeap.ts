import v8 from 'node:v8';

/**
 * Caps the young generation of every V8 isolate created from now on: the workflow thread the Temporal
 * SDK starts and the template render threads (the process's own heap was sized at its start; it
 * follows `--max-semi-space-size` in NODE_OPTIONS only). V8 otherwise lets a busy thread's new space
 * grow to 16 MB and keeps it; small semi-spaces cost more frequent scavenges of mostly short-lived
 * activation garbage. 0 leaves V8's default. Call before the worker is built.
 */
export function capThreadYoungGeneration(semiSpaceMb: number): void {
  if (semiSpaceMb > 0) v8.setFlagsFromString(`--max-semi-space-size=${semiSpaceMb}`);
}
