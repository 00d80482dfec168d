// `npx tsx test/bench/cpuProfileTop.ts [--top=N] FILE.cpuprofile|DIR …`: the top self-time frames of
// V8 CPU profiles (the bench's BENCH_CPU_PROFILE_DIR, `node --cpu-prof`): function, file:line, self ms
// and % of the busy time (idle excluded), then self time by package. One table per profile.
import fs from 'node:fs';
import path from 'node:path';

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const root = path.resolve(__dirname, '../..');

/** A frame's file, relative to the repository, from its package on for dependencies. */
function fileOf(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) return file.slice(modules + 'node_modules/'.length);
  return file.startsWith(root) ? path.relative(root, file) : file;
}

/** Dependencies by package name, our workspaces by folder, node's own and V8's pseudo-frames as they are. */
function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node';
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = file.slice(modules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  return file.startsWith(root) ? path.relative(root, file).split('/').slice(0, 2).join('/') : file;
}

/** Self ms per key: sample i lasts until sample i + 1 (the last one until the profile's end), as DevTools counts it. */
function selfTimes(
  profile: CpuProfile,
  keyOf: (frame: CallFrame) => string,
): { by: Map<string, number>; total: number } {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const by = new Map<string, number>();
  let at = profile.startTime;
  const stamps = profile.timeDeltas.map((d) => (at += d));
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = ((i + 1 < stamps.length ? stamps[i + 1] : profile.endTime) - stamps[i]) / 1000;
    const key = keyOf(frames.get(id)!);
    by.set(key, (by.get(key) ?? 0) + ms);
    total += ms;
  });
  return { by, total };
}

function printProfile(file: string, top: number): void {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const frameKey = (f: CallFrame) =>
    `${f.functionName || '(anonymous)'}\t${f.url ? `${fileOf(f.url)}:${f.lineNumber + 1}` : ''}`;
  const frames = selfTimes(profile, frameKey);
  const idle = frames.by.get('(idle)\t') ?? 0;
  const busy = frames.total - idle;
  const pct = (ms: number) => `${((ms / Math.max(busy, 1e-9)) * 100).toFixed(1)} %`;
  console.log(
    `\n${file}\n  ${(frames.total / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s busy (idle excluded below)`,
  );
  const rows = [...frames.by.entries()]
    .filter(([key]) => key !== '(idle)\t')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => [...key.split('\t'), ms.toFixed(0), pct(ms)]);
  const packages = selfTimes(profile, (f) => packageOf(f.url, f.functionName));
  const packageRows = [...packages.by.entries()]
    .filter(([key]) => key !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([key, ms]) => [key, '', ms.toFixed(0), pct(ms)]);
  printRows([['function', 'file:line', 'self ms', '% busy'], ...rows]);
  console.log('  by package:');
  printRows([['package', '', 'self ms', '% busy'], ...packageRows]);
}

function printRows(rows: string[][]): void {
  const width = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows)
    console.log(`  ${r.map((cell, c) => (c < 2 ? cell.padEnd(width[c]) : cell.padStart(width[c]))).join('  ')}`);
}

const args = process.argv.slice(2);
const top = Number(args.find((a) => a.startsWith('--top='))?.split('=')[1] ?? 20);
const files = args
  .filter((a) => !a.startsWith('--'))
  .flatMap((a) =>
    fs.statSync(a).isDirectory()
      ? fs
          .readdirSync(a)
          .filter((f) => f.endsWith('.cpuprofile'))
          .map((f) => path.join(a, f))
      : [a],
  );
if (!files.length) {
  console.error('usage: npx tsx test/bench/cpuProfileTop.ts [--top=N] FILE.cpuprofile|DIR …');
  process.exit(2);
}
for (const file of files) printProfile(file, top);
