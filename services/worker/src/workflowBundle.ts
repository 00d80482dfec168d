import fs from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { SourceMapConsumer, SourceMapGenerator, type RawSourceMap } from 'source-map';
import { workflowsPath } from '@follow-ups/workflows';

const INLINE_MAP = '//# sourceMappingURL=data:';
const BASE64 = 'base64,';
const ours = (source: string) => !source.includes('/node_modules/');

/**
 * The workflow bundle with its inline source map cut down to our own sources (workflows/,
 * packages/). The SDK maps a stack trace for every promise a workflow creates through this map, and
 * the whole map (1.2 MB, mostly the SDK's own code) costs the worker about 100 MB once parsed; stack
 * traces keep TypeScript positions for our frames, SDK frames show their function names only.
 */
export async function leanWorkflowBundle(code: string): Promise<string> {
  const at = code.lastIndexOf(INLINE_MAP);
  const data = code.indexOf(BASE64, at);
  if (at < 0 || data < 0) return code;
  const raw = JSON.parse(Buffer.from(code.slice(data + BASE64.length).trim(), 'base64').toString()) as RawSourceMap;
  if (raw.sources.every(ours)) return code;
  const lean = new SourceMapGenerator({ file: raw.file });
  await SourceMapConsumer.with(raw, null, (consumer) => {
    consumer.eachMapping((m) => {
      if (!m.source || !ours(m.source) || m.originalLine == null) return;
      lean.addMapping({
        generated: { line: m.generatedLine, column: m.generatedColumn },
        original: { line: m.originalLine, column: m.originalColumn },
        source: m.source,
        ...(m.name ? { name: m.name } : {}),
      });
    });
    for (const source of consumer.sources.filter(ours)) {
      const content = consumer.sourceContentFor(source, true);
      if (content) lean.setSourceContent(source, content);
    }
  });
  return `${code.slice(0, at)}${INLINE_MAP}application/json;charset=utf-8;${BASE64}${Buffer.from(lean.toString()).toString('base64')}\n`;
}

/** The bundle the worker runs: a prebuilt one (tests build it once), or workflows/ bundled now; lean either way. */
export async function workflowBundle(prebuiltPath?: string): Promise<{ code: string }> {
  const code = prebuiltPath
    ? fs.readFileSync(prebuiltPath, 'utf8')
    : (await bundleWorkflowCode({ workflowsPath })).code;
  return { code: await leanWorkflowBundle(code) };
}
