// Renders templates in worker threads, so no template can crash or stall the process that asks:
// each thread has a small heap (running out of it ends the thread, not the process), and a render
// that outlives its time is stopped by terminating the thread, even inside a tight loop.
import { Worker } from 'node:worker_threads';
import type { TemplateData } from './templateData';
import { siblingEntry, threadBootstrap } from '../text/threadEntry';

/** A template that cannot be rendered: a Liquid error, a limit hit, out of memory or out of time. */
export class TemplateRenderError extends Error {
  constructor(readonly reason: string) {
    super(`the template could not be rendered: ${reason}`);
    this.name = 'TemplateRenderError';
  }
}

/** `check` parses only: the value is null. */
export type RenderJob = { mode: 'text' | 'body' | 'check'; template: string; data: TemplateData };
export type RenderRequest = RenderJob & { id: number };
export type RenderReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string } | { ready: true };

/** `entry`: the thread's script (tests use one whose renders never end on their own). */
export type SandboxOptions = { threads: number; timeoutMs: number; heapMb: number; entry: string };
const START_TIMEOUT_MS = 30_000;

type Pending = { request: RenderRequest; resolve: (value: unknown) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; ready: boolean; started: Promise<void>; job?: Pending; timer?: NodeJS.Timeout };

// The thread runs renderThread.ts; under plain node (no TypeScript loader) tsx compiles it.
const RENDER_THREAD = siblingEntry(__dirname, __filename, 'renderThread');
const DEFAULTS: SandboxOptions = { threads: 2, timeoutMs: 3_000, heapMb: 64, entry: RENDER_THREAD };

export class TemplateSandbox {
  private readonly options: SandboxOptions;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private nextId = 1;

  constructor(options: Partial<SandboxOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Renders in a thread; rejects with TemplateRenderError for the template's faults, Error for the sandbox's. */
  run(job: RenderJob): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { ...job, id: this.nextId++ }, resolve, reject });
      this.dispatch();
    });
  }

  /** Threads start lazily, one at a time; this starts them all now and resolves once each is ready. */
  async warmUp(): Promise<void> {
    while (this.slots.size < this.options.threads) this.spawn();
    await Promise.all([...this.slots].map((slot) => slot.started));
  }

  /** Stops every thread; queued and running renders fail. */
  async close(): Promise<void> {
    for (const pending of this.queue.splice(0)) pending.reject(new Error('the template sandbox was closed'));
    await Promise.all([...this.slots].map((slot) => this.retire(slot, new Error('the template sandbox was closed'))));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.queue.length) break;
      if (slot.ready && !slot.job) this.start(slot, this.queue.shift()!);
    }
    if (this.queue.length && this.slots.size < this.options.threads && ![...this.slots].some((s) => !s.ready))
      this.spawn();
    for (const slot of this.slots) {
      if (slot.job || !slot.ready) slot.worker.ref();
      else slot.worker.unref(); // an idle thread never keeps the process alive
    }
  }

  private start(slot: Slot, pending: Pending): void {
    slot.job = pending;
    slot.timer = setTimeout(() => {
      void this.retire(slot, new TemplateRenderError(`it took longer than ${this.options.timeoutMs} ms`));
    }, this.options.timeoutMs);
    slot.worker.postMessage(pending.request);
  }

  private spawn(): void {
    const { heapMb, entry } = this.options;
    const worker = new Worker(threadBootstrap(entry), {
      eval: true,
      execArgv: [],
      // An empty environment: no MONGODB_URI, SENDGRID_API_KEY or REPLY_TOKEN_SECRET inside a render.
      env: {},
      resourceLimits: {
        maxOldGenerationSizeMb: heapMb,
        maxYoungGenerationSizeMb: Math.max(4, heapMb / 8),
        stackSizeMb: 4,
      },
    });
    let markStarted = (): void => undefined;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const slot: Slot = { worker, ready: false, started };
    this.slots.add(slot);
    worker.once('exit', markStarted); // a thread that never started does not keep warmUp waiting
    const startTimer = setTimeout(
      () => void this.retire(slot, new Error('the template sandbox did not start')),
      START_TIMEOUT_MS,
    );
    worker.on('message', (reply: RenderReply) => {
      if ('ready' in reply) {
        clearTimeout(startTimer);
        slot.ready = true;
        markStarted();
      } else if (slot.job?.request.id === reply.id) {
        const { resolve, reject } = slot.job;
        clearTimeout(slot.timer);
        slot.job = undefined;
        if (reply.ok) resolve(reply.value);
        else reject(new TemplateRenderError(reply.error));
      }
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      clearTimeout(startTimer);
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      void this.retire(slot, outOfMemory ? new TemplateRenderError(`it needed more than ${heapMb} MB`) : error);
    });
    worker.on('exit', () => {
      clearTimeout(startTimer);
      void this.retire(slot, new Error('the template sandbox stopped'));
    });
  }

  /** Ends a thread: its render (or, when it never started, every queued render) fails with `error`. */
  private async retire(slot: Slot, error: Error): Promise<void> {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.timer);
    if (slot.job) slot.job.reject(error);
    else if (!slot.ready && ![...this.slots].some((s) => s.ready))
      for (const pending of this.queue.splice(0)) pending.reject(error);
    slot.job = undefined;
    await slot.worker.terminate();
    this.dispatch();
  }
}
