// Small measuring tools of the benchmark: percentiles, concurrency, process memory and CPU.
import fs from 'node:fs';
import os from 'node:os';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The q-quantile (0..1) of `xs` by nearest rank; NaN when empty. */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export type Spread = { n: number; p50: number; p95: number; p99: number; max: number };
export const spread = (xs: number[]): Spread => ({
  n: xs.length,
  p50: quantile(xs, 0.5),
  p95: quantile(xs, 0.95),
  p99: quantile(xs, 0.99),
  max: quantile(xs, 1),
});

/**
 * Runs `task(i)` for i in [0, total) with `concurrency` in flight, stopping new tasks after
 * `budgetMs`. Returns how many completed and the wall time they took.
 */
export async function runConcurrently(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
  budgetMs = Infinity,
): Promise<{ done: number; ms: number }> {
  const started = performance.now();
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < total && performance.now() - started < budgetMs) {
      await task(next++);
      done++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, lane));
  return { done, ms: performance.now() - started };
}

/** Resident memory of a process in MB (Linux /proc), NaN when unavailable. */
export function rssMb(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

const TICKS_PER_SECOND = 100;

/** utime, stime, cutime, cstime and ppid of a process, from /proc/PID/stat; null when gone. */
function procStat(pid: number | string | undefined): { own: number; reaped: number; ppid: number } | null {
  try {
    // Fields after the command name (which may contain spaces): ppid is the 4th, utime..cstime the 14th..17th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return { ppid: f[1], own: (f[11] + f[12]) / TICKS_PER_SECOND, reaped: (f[13] + f[14]) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** CPU seconds of a process, with its children (live and exited) when `withChildren`. */
function cpuSeconds(pid: number | undefined, withChildren: boolean): number {
  const self = procStat(pid);
  if (!self) return NaN;
  if (!withChildren) return self.own;
  let children = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = procStat(entry);
    if (child && child.ppid === pid) children += child.own;
  }
  return self.own + self.reaped + children;
}

// PostgreSQL runs one process per connection: its figure is the whole process tree.
const withChildren = (name: string) => name === 'postgres';

/** CPU time of named processes over a phase: `const stop = cpuTime(pids); …; stop()` gives ms per process and the wall seconds. */
export function cpuTime(
  pids: Record<string, number | undefined>,
): () => { ms: Record<string, number>; seconds: number } {
  const t0 = performance.now();
  const read = (k: string, pid: number | undefined) => cpuSeconds(pid, withChildren(k));
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, read(k, pid)]));
  return () => ({
    seconds: (performance.now() - t0) / 1000,
    ms: Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, (read(k, pid) - before[k]) * 1000])),
  });
}

/** CPU use of named processes over a phase, in % of one core: `const stop = cpuMeter(pids); …; stop()`. */
export function cpuMeter(pids: Record<string, number | undefined>): () => Record<string, number> {
  const stop = cpuTime(pids);
  return () => {
    const { ms, seconds } = stop();
    return Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, Math.round(v / seconds / 10)]));
  };
}

/** Samples `read()` every `everyMs` until stopped; returns the samples. */
export function sampler(read: () => number, everyMs = 250): { stop: () => number[] } {
  const samples: number[] = [read()];
  const timer = setInterval(() => samples.push(read()), everyMs);
  return {
    stop() {
      clearInterval(timer);
      samples.push(read());
      return samples.filter((x) => !Number.isNaN(x));
    },
  };
}

export const machine = () =>
  `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GB, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, Node ${process.version}`;

export const round = (x: number, digits = 0) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : NaN);

/** Progress goes to stderr, so stdout holds the table and the summary line only. */
export const progress = (text: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`);
