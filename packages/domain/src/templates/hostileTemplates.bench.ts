// Benchmark: how long each hostile template takes to be refused, and the longest the event loop of
// the calling process is held — at save (validateTemplate, as ingest calls it), at render with the
// sandbox (as the worker renders) and, for comparison, with liquidjs's limits alone in this thread.
// Run: node --import tsx packages/domain/src/templates/hostileTemplates.bench.ts
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { htmlEngine, MAX_TEMPLATE_LENGTH } from './liquidEngine';
import { closeTemplateRenderer, renderBody, validateTemplate } from './render';
import { EXPENSIVE_TEMPLATES, FILE_READING_TEMPLATES } from '../testing/hostileTemplates';

const data = { recipient: { email: 'pat@prospect.io', first_name: 'Pat' }, user: { email: 'sam@acme.com' } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hostile = { ...FILE_READING_TEMPLATES, ...EXPENSIVE_TEMPLATES };
const fill = (unit: string) => unit.repeat(Math.floor(MAX_TEMPLATE_LENGTH / unit.length));
/** The largest templates save accepts, in the shapes that cost the most to check. */
const largest = {
  outputs: fill('{{a}}'),
  closedIfs: fill('{%if a%}x{%endif%}'),
  openIfs: fill('{%if a%}'),
  htmlParagraphs: fill('<p>x</p>'),
  htmlTable: `<table>${fill('<tr><td>x</td></tr>').slice(0, MAX_TEMPLATE_LENGTH - 20)}</table>`,
  deepHtml: fill('<div>'),
};

async function measure(label: string, templates: Record<string, string>, run: (template: string) => Promise<unknown>) {
  console.log(`\n${label}`);
  let worst = 0;
  for (const [name, template] of Object.entries(templates)) {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await sleep(20); // the histogram's timer runs before the work starts
    const started = performance.now();
    const outcome = await run(template).then(
      (value) => (typeof value === 'string' ? `refused: ${value.slice(0, 60)}` : 'accepted'),
      (e: Error) => `refused: ${e.message.slice(0, 60)}`,
    );
    const ms = performance.now() - started;
    await sleep(20); // the histogram sees the last block
    delay.disable();
    worst = Math.max(worst, delay.max / 1e6);
    console.log(
      `${name.padEnd(22)} ${ms.toFixed(0).padStart(5)} ms   loop held ≤ ${(delay.max / 1e6).toFixed(0).padStart(4)} ms   ${outcome}`,
    );
  }
  console.log(`longest event-loop delay: ${worst.toFixed(0)} ms`);
}

async function main() {
  await renderBody('warm-up {{ recipient.email }}', data); // the threads start once
  await measure('save (validateTemplate), largest templates', largest, (t) => validateTemplate(t));
  await measure('save (validateTemplate), hostile templates', hostile, (t) => validateTemplate(t));
  await measure('render in the sandbox (renderBody, as the worker does)', hostile, (t) =>
    renderBody(t, data).then(() => null),
  );
  await measure('for comparison: liquidjs limits only, in this thread', hostile, (t) =>
    htmlEngine.parseAndRender(t, data).then(() => null),
  );
  await closeTemplateRenderer();
}

void main();
