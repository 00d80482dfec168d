// The sandbox itself, with limits small enough to hit on purpose: a thread that runs out of time or
// memory is ended, its render fails with the reason, and the next render gets a fresh thread. Time
// is tested with a thread whose render never ends on its own (the engine's deterministic limits end
// every real template first), so no test depends on how fast the machine is.
import path from 'node:path';
import { TemplateRenderError, TemplateSandbox } from './templateSandbox';

const spinning = { entry: path.join(__dirname, '..', 'testing', 'spinningRenderThread.ts') };

const data = { recipient: { email: 'pat@prospect.io' }, user: { email: 'sam@acme.com' } };
const hello = { mode: 'text' as const, template: 'Hello {{ recipient.email }}', data };

describe('TemplateSandbox', () => {
  let sandbox: TemplateSandbox;
  afterEach(() => sandbox.close());

  it('stops a render that outlives its timeout, then renders the next one', async () => {
    sandbox = new TemplateSandbox({ threads: 1, timeoutMs: 200, ...spinning });
    const error = await sandbox.run({ mode: 'text', template: 'spin', data }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect((error as TemplateRenderError).reason).toBe('it took longer than 200 ms');
    await expect(sandbox.run(hello)).resolves.toBe(hello.template);
  });

  it('ends a thread that runs out of its heap, then renders the next one', async () => {
    sandbox = new TemplateSandbox({ threads: 1, heapMb: 16 });
    const error = await sandbox
      .run({ mode: 'text', template: '{% for i in (1..4900000) %}{% endfor %}', data })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect((error as TemplateRenderError).reason).toBe('it needed more than 16 MB');
    await expect(sandbox.run(hello)).resolves.toBe('Hello pat@prospect.io');
  });

  it('renders other templates on another thread while one is busy with a slow one', async () => {
    sandbox = new TemplateSandbox({ threads: 2, timeoutMs: 2_000, ...spinning });
    await sandbox.warmUp();
    const finished: string[] = [];
    const slow = sandbox.run({ mode: 'text', template: 'spin', data }).catch((e: unknown) => {
      finished.push('slow');
      return e;
    });
    await new Promise((r) => setTimeout(r, 100)); // the slow one holds one thread
    const quick = sandbox.run(hello).then((text) => finished.push(String(text)));
    await Promise.all([slow, quick]);
    expect(finished).toEqual([hello.template, 'slow']);
  });

  it('starts its threads with an empty environment: no database URI, API key or token secret inside', async () => {
    process.env.MONGODB_URI ??= 'mongodb://127.0.0.1:27017/followups';
    process.env.SENDGRID_API_KEY ??= 'SG.secret';
    sandbox = new TemplateSandbox({ threads: 1, ...spinning });
    await expect(sandbox.run({ mode: 'text', template: 'env', data })).resolves.toEqual([]);
  });

  it('fails queued and running renders on close', async () => {
    sandbox = new TemplateSandbox({ threads: 1 });
    const outcome = expect(sandbox.run(hello)).rejects.toThrow('the template sandbox was closed');
    await sandbox.close();
    await outcome;
  });
});
