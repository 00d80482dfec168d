// The layout keeps its promises: no import circle between files or workspaces, and small files
// (no product file over 300 lines, none in workflows/src over 150).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileGraph, findCycles, workspaceGraph } from './importGraph';

const ROOT = path.resolve(__dirname, '../..');
const lines = (file: string) => readFileSync(path.join(ROOT, file), 'utf8').split('\n').length - 1;

describe('the import graph', () => {
  it('finds a circle where there is one (the check can fail)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('has no circle between source files', () => {
    expect(findCycles(fileGraph())).toEqual([]);
  });

  it('has no circle between workspaces', () => {
    expect(findCycles(workspaceGraph())).toEqual([]);
  });
});

describe('file sizes', () => {
  const files = [...fileGraph().keys()];

  it('reads every product source file', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('keeps product files at most 300 lines, workflow files at most 150', () => {
    const tooLong = files
      .map((file) => ({ file, lines: lines(file), limit: file.startsWith('workflows/') ? 150 : 300 }))
      .filter(({ lines, limit }) => lines > limit);
    expect(tooLong).toEqual([]);
  });
});
