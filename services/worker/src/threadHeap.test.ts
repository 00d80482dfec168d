import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * In a fresh process (V8 flags are process-wide): caps the young generation with `semiSpaceMb`, then
 * a new thread allocates objects that survive a few scavenges; returns the thread's new space in MB.
 */
function threadNewSpaceMb(semiSpaceMb: number): number {
  const script = `
    const { Worker } = require('node:worker_threads');
    require(${JSON.stringify(path.join(__dirname, 'threadHeap.ts'))}).capThreadYoungGeneration(${semiSpaceMb});
    const thread = new Worker(\`
      const kept = [];
      for (let i = 0; i < 3e6; i++) { kept.push({ i }); if (kept.length > 1e4) kept.length = 0; }
      const space = require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      require('node:worker_threads').parentPort.postMessage(space.space_size / 1048576);
    \`, { eval: true });
    thread.once('message', (mb) => { console.log(mb); process.exit(0); });`;
  return Number(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }).trim());
}

describe('capThreadYoungGeneration', () => {
  it("bounds a busy thread's new space to two semi-spaces", () => {
    expect(threadNewSpaceMb(2)).toBeLessThanOrEqual(4);
  });

  it("leaves V8's own sizing at 0, where the same thread's new space grows past that bound", () => {
    expect(threadNewSpaceMb(0)).toBeGreaterThan(4);
  });
});
