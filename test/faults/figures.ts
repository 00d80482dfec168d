// The figures every fault scenario reports, printed as one table and kept in a file so the full
// runner (`npm run faults`) can print the table of the whole suite at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One scenario's counts. Zero targets: all but trials, late and reconciled. */
export type FigureRow = {
  scenario: string;
  trials: number;
  duplicates?: number;
  lost?: number;
  /** Sent more than LATE_MS after it could have been (printed, not asserted: speed is for benchmarks). */
  late?: number;
  /** Follow-ups the provider received after the reply webhook had answered 200. */
  afterReply?: number;
  fiveXx?: number;
  /** Webhook answers in the 4xx range to a post that failed only because a server was away (SendGrid drops those). */
  fourXxOnFault?: number;
  /** Webhook posts during an outage not answered 503 within 10 s. */
  slow503?: number;
  /** Drafts marked `failed` whose mail the provider did receive. */
  failedReceived?: number;
  /** `unknown` deliveries settled afterwards: confirmed by an Event Webhook event or resent once (printed, not a target). */
  reconciled?: number;
  /** Sequences that ended in the wrong status (e.g. `completed` after an accepted reply). */
  wrongStatus?: number;
  /** 4xx answers that left documents behind. */
  halfWritten?: number;
  /** Processes that died (worker exits, app not answering). */
  crashes?: number;
  /** Mails that carried a server file's content. */
  leaks?: number;
  note?: string;
};

const COLUMNS: [keyof FigureRow, string][] = [
  ['trials', 'trials'],
  ['duplicates', 'duplicates'],
  ['lost', 'lost'],
  ['late', 'late'],
  ['afterReply', 'after-reply sends'],
  ['fiveXx', '5xx'],
  ['fourXxOnFault', '4xx on fault'],
  ['slow503', 'no 503 in 10 s'],
  ['failedReceived', 'failed but received'],
  ['reconciled', 'reconciled'],
  ['wrongStatus', 'wrong status'],
  ['halfWritten', 'half-written'],
  ['crashes', 'crashes'],
  ['leaks', 'file leaks'],
];

/** Sends counted as late when they reach the provider this long after they were due (or could be). */
export const LATE_MS = 5_000;

export function figuresDir(): string {
  const dir = process.env.FAULTS_FIGURES_DIR ?? path.join(os.tmpdir(), 'follow-ups-faults');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function formatTable(rows: FigureRow[]): string {
  const header = ['scenario', ...COLUMNS.map(([, title]) => title)];
  const body = rows.map((r) => [r.scenario, ...COLUMNS.map(([key]) => (r[key] === undefined ? '-' : String(r[key])))]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.scenario}: ${r.note}`);
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line), ...notes].join('\n');
}

/** Prints the rows of one test file and keeps them for the suite's summary. */
export function report(file: string, rows: FigureRow[]): void {
  if (!rows.length) return;
  process.stderr.write(`\n[faults] ${file}\n${formatTable(rows)}\n\n`);
  fs.writeFileSync(path.join(figuresDir(), `${file}.json`), JSON.stringify(rows, null, 2));
}

/** A figures collector for one test file: `add` rows in the tests, `print` in afterAll. */
export function figures(file: string) {
  const rows: FigureRow[] = [];
  return {
    add: (row: FigureRow) => rows.push(row),
    print: () => report(file, rows),
  };
}
