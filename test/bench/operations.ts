// What one operation costs: the MongoDB commands each service process sent (counted in the process,
// childCommandProfile.ts) and the CPU time of every process, over a window that holds only that operation.
import { formatProfile } from '../helpers/commandProfile';
import { cpuTime } from './measure';
import type { Commands, ServiceProcess } from './services';

export const SERVICES = ['ingest', 'worker'] as const;
export type Service = (typeof SERVICES)[number];

export type OperationCost = {
  /** e.g. "trigger (POST /v1/drafts send:true)". */
  name: string;
  /** How many operations the window held. */
  n: number;
  /** Commands each service sent in the window (absent: the service was not running). */
  commands: Partial<Record<Service, Commands>>;
  /** CPU ms of each process over the window (all of it, not per operation). */
  cpuMs: Record<string, number>;
};

/** The commands of `after` not already in `before` (two cumulative readings of one process), largest total first. */
export function commandsBetween(before: Commands, after: Commands): Commands {
  const earlier = new Map(before);
  return after
    .map(([key, e]): Commands[number] => {
      const b = earlier.get(key) ?? { count: 0, ms: 0 };
      return [key, { count: e.count - b.count, ms: e.ms - b.ms }];
    })
    .filter(([, e]) => e.count > 0)
    .sort((a, b) => b[1].ms - a[1].ms);
}

/**
 * Opens the window of one operation: `const done = await operationWindow(name, services, pids); …;
 * await done(n)` with the number of operations it held.
 */
export async function operationWindow(
  name: string,
  services: Partial<Record<Service, ServiceProcess>>,
  pids: Record<string, number | undefined>,
): Promise<(n: number) => Promise<OperationCost>> {
  const running = Object.entries(services) as Array<[Service, ServiceProcess]>;
  const read = async () =>
    Object.fromEntries(await Promise.all(running.map(async ([k, s]) => [k, await s.commands()])));
  const before = await read();
  const cpu = cpuTime({ ...Object.fromEntries(running.map(([k, s]) => [k, s.pid])), ...pids });
  return async (n) => {
    const { ms } = cpu();
    const after = await read();
    const commands = Object.fromEntries(running.map(([k]) => [k, commandsBetween(before[k], after[k])]));
    return { name, n, commands, cpuMs: ms };
  };
}

const total = (commands: Commands | undefined) => commands?.reduce((sum, [, e]) => sum + e.count, 0);

/** Commands per operation sent by `service`; NaN when it was not running. */
export const commandsPer = (op: OperationCost | undefined, service: Service) =>
  op && op.commands[service] ? total(op.commands[service])! / Math.max(1, op.n) : NaN;

/** CPU ms per operation of process `name`; NaN when not measured. */
export const cpuMsPer = (op: OperationCost | undefined, name: string) =>
  op && name in op.cpuMs ? op.cpuMs[name] / Math.max(1, op.n) : NaN;

/** The goals of issue 23: commands and CPU ms of one process per operation. */
export type Floor = { service: Service; commands: number; cpuMs?: number };

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const CPU_COLUMNS = ['ingest', 'worker', 'temporal', 'ferretdb', 'postgres', 'bench'];

/** One line per operation: commands by process beside the floor, CPU ms by process beside the floor, met or NOT met. */
export function printOperations(ops: Array<{ op: OperationCost; floor?: Floor }>): void {
  const cpuColumns = CPU_COLUMNS.filter((c) => ops.some(({ op }) => c in op.cpuMs));
  const goal = (value: number, bound: number | undefined, service: Service | undefined) =>
    bound === undefined || !service ? ['', ''] : [`≤ ${bound} ${service}`, value <= bound ? 'met' : 'NOT met'];
  const lines: string[][] = [
    [
      'operation (n)',
      'cmds ingest',
      'cmds worker',
      'floor',
      '',
      ...cpuColumns.map((c) => `CPU ms ${c}`),
      'CPU ms all',
      'floor',
      '',
    ],
  ];
  for (const { op, floor } of ops) {
    const cpuAll = Object.values(op.cpuMs).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0) / Math.max(1, op.n);
    lines.push([
      `${op.name} (${op.n})`,
      fmt(commandsPer(op, 'ingest')),
      fmt(commandsPer(op, 'worker')),
      ...goal(floor ? commandsPer(op, floor.service) : NaN, floor?.commands, floor?.service),
      ...cpuColumns.map((c) => fmt(cpuMsPer(op, c))),
      fmt(cpuAll),
      ...goal(floor ? cpuMsPer(op, floor.service) : NaN, floor?.cpuMs, floor?.service),
    ]);
  }
  const width = lines[0].map((_, c) => Math.max(...lines.map((l) => l[c].length)));
  for (const l of lines)
    console.log(l.map((cell, c) => (c === 0 ? cell.padEnd(width[c]) : cell.padStart(width[c]))).join(' | '));
}

/** The top commands of each process in each operation, per operation. */
export function operationProfiles(
  ops: OperationCost[],
  top: (op: OperationCost, service: Service) => number,
): string[] {
  return ops.flatMap((op) =>
    SERVICES.filter((s) => op.commands[s]?.length).flatMap((s) =>
      formatProfile(op.commands[s]!, Math.max(1, op.n), top(op, s)).map((line) => `${op.name}, ${s}: ${line}`),
    ),
  );
}
