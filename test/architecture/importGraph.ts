// The import graph of the product's sources (relative imports, and @follow-ups/* packages through
// their package.json dependencies) has no circle: every room imports in one direction.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE_DIRS = ['packages', 'services']
  .flatMap((top) => readdirSync(path.join(ROOT, top)).map((name) => path.join(top, name, 'src')))
  .concat(['workflows/src']);

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.ts$/.test(name) && !/\.(test|bench)\.ts$/.test(name) ? [file] : [];
  });
}

function resolveRelative(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((f) => existsSync(f) && statSync(f).isFile());
}

/** Every circle of a graph, each reported once (from its first node found by depth-first search). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

export function fileGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .filter((ref) => ref.fileName.startsWith('.'))
      .map((ref) => resolveRelative(file, ref.fileName))
      .filter((target): target is string => !!target && target.endsWith('.ts'));
    graph.set(
      path.relative(ROOT, file),
      targets.map((t) => path.relative(ROOT, t)),
    );
  }
  return graph;
}

export function workspaceGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const dir of SOURCE_DIRS) {
    const manifest = path.join(ROOT, path.dirname(dir), 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; dependencies?: object };
    graph.set(
      pkg.name,
      Object.keys(pkg.dependencies ?? {}).filter((dep) => dep.startsWith('@follow-ups/')),
    );
  }
  return graph;
}

if (require.main === module) {
  console.log(
    findCycles(fileGraph())
      .map((c) => c.join(' -> '))
      .join('\n') || 'no file cycles',
  );
  console.log(
    findCycles(workspaceGraph())
      .map((c) => c.join(' -> '))
      .join('\n') || 'no workspace cycles',
  );
}
