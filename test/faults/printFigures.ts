// Prints the figures every scenario of a fault-suite run left in FAULTS_FIGURES_DIR, as one table.
import fs from 'node:fs';
import path from 'node:path';
import { formatTable, type FigureRow } from './figures';

const dir = process.argv[2] ?? process.env.FAULTS_FIGURES_DIR;
if (!dir) throw new Error('usage: tsx test/faults/printFigures.ts <figures dir>');
const rows: FigureRow[] = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as FigureRow[]);
const mode = process.env.FAULTS_FULL === '1' ? 'full' : 'bounded';
console.log(
  rows.length
    ? `\nFault suite figures (${mode} run; zero targets: every column but trials, late and reconciled)\n${formatTable(rows)}\n`
    : '\nFault suite: no figures were recorded\n',
);
