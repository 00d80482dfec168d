// Every hostile template: refused at save where it can be, and otherwise a TemplateRenderError
// within a bound, with the process's event loop never held and the next render still working.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Liquid } from 'liquidjs';
import { closeTemplateRenderer, renderBody, renderTemplate, TemplateRenderError, validateTemplate } from './render';
import { EXPENSIVE_TEMPLATES, FILE_READING_TEMPLATES } from '../testing/hostileTemplates';

const data = { recipient: { email: 'pat@prospect.io', first_name: 'Pat' }, user: { email: 'sam@acme.com' } };
const PACKAGE_JSON = readFileSync('package.json', 'utf8');
const BOUND_MS = 10_000; // the sandbox's 3 s timeout plus a loaded machine's margin

afterAll(() => closeTemplateRenderer());

async function refusal(render: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  const error = await render.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: Date.now() - started };
}

describe('templates that would read a file', () => {
  it('read package.json on a default liquidjs engine (so the file is there to be read)', async () => {
    await expect(new Liquid().parseAndRender("{% include 'package.json' %}")).resolves.toBe(PACKAGE_JSON);
  });

  it.each(Object.entries(FILE_READING_TEMPLATES))(
    '%s: refused at save, and a stored one fails to render without the file',
    async (_name, template) => {
      expect(await validateTemplate(template)).toMatch(/tag is not available in canned responses/);
      for (const mode of [renderTemplate, renderBody]) {
        const { error } = await refusal(mode(template, data));
        expect(error).toBeInstanceOf(TemplateRenderError);
        expect((error as TemplateRenderError).reason).toMatch(/tag is not available in canned responses/);
        expect((error as Error).message).not.toContain('@follow-ups');
      }
    },
  );
});

describe('templates that would exhaust time or memory', () => {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  beforeAll(() => delay.enable());
  afterAll(() => delay.disable());

  it.each(Object.entries(EXPENSIVE_TEMPLATES))(
    '%s: passes save, then fails to render with a reason, within the bound',
    async (_name, template) => {
      expect(await validateTemplate(template)).toBeNull();
      const { error, ms } = await refusal(renderBody(template, data));
      expect(error).toBeInstanceOf(TemplateRenderError);
      expect((error as TemplateRenderError).reason).toMatch(
        /limit exceeded|longer than|more than|Invalid string length/,
      );
      expect(ms).toBeLessThan(BOUND_MS);
    },
  );

  it('leaves the process responsive: the event loop was never held, and a normal template still renders', async () => {
    await expect(renderTemplate("Hi {{ recipient.first_name | default: 'there' }}", data)).resolves.toBe('Hi Pat');
    // A render inside this thread would have held the loop for liquidjs's whole 1 s render limit.
    expect(delay.max / 1e6).toBeLessThan(500);
  });
});
