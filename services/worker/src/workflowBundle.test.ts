import { SourceMapConsumer, SourceMapGenerator } from 'source-map';
import { leanWorkflowBundle } from './workflowBundle';

/** A two-line "bundle" whose inline map names one SDK source and one of ours. */
function bundle(): string {
  const map = new SourceMapGenerator({ file: 'workflow-bundle.js' });
  map.addMapping({
    generated: { line: 1, column: 0 },
    original: { line: 10, column: 2 },
    source: '/app/node_modules/@temporalio/workflow/lib/internals.js',
    name: 'activate',
  });
  map.addMapping({
    generated: { line: 2, column: 4 },
    original: { line: 42, column: 6 },
    source: '/app/workflows/src/followUpSequence.ts',
    name: 'waitUntilDue',
  });
  map.setSourceContent('/app/node_modules/@temporalio/workflow/lib/internals.js', 'x'.repeat(10_000));
  map.setSourceContent('/app/workflows/src/followUpSequence.ts', 'export async function followUpSequence() {}');
  return `sdk();\n    ours();\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(map.toString()).toString('base64')}\n`;
}

const mapOf = (code: string) =>
  JSON.parse(Buffer.from(code.slice(code.indexOf('base64,') + 7).trim(), 'base64').toString());

describe('leanWorkflowBundle', () => {
  it('keeps the code and the mappings of our sources, drops those of node_modules', async () => {
    const full = bundle();
    const lean = await leanWorkflowBundle(full);
    expect(lean.slice(0, lean.indexOf('//#'))).toBe(full.slice(0, full.indexOf('//#')));
    expect(lean.length).toBeLessThan(full.length / 2);
    const map = mapOf(lean);
    expect(map.sources).toEqual(['/app/workflows/src/followUpSequence.ts']);
    await SourceMapConsumer.with(map, null, (consumer) => {
      expect(consumer.originalPositionFor({ line: 2, column: 4 })).toMatchObject({
        source: '/app/workflows/src/followUpSequence.ts',
        line: 42,
        name: 'waitUntilDue',
      });
      expect(consumer.originalPositionFor({ line: 1, column: 0 }).source).toBeNull();
    });
  });

  it('returns a bundle that is already lean, or has no inline map, as it is', async () => {
    const lean = await leanWorkflowBundle(bundle());
    expect(await leanWorkflowBundle(lean)).toBe(lean);
    expect(await leanWorkflowBundle('plain();\n')).toBe('plain();\n');
  });
});
