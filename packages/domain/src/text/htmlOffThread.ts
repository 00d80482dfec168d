// Large untrusted HTML converted on a worker thread with a time budget, so a mail's HTML never
// holds the event loop of the process that received it (DESIGN invariant 10). Small HTML, the
// usual case, is converted in place: a thread costs more than it saves there.
import { Worker } from 'node:worker_threads';
import { HTML_TO_TEXT_LIMITS, htmlToPlainText, MAX_HTML_CHARS } from './htmlToText';
import { siblingEntry, threadBootstrap } from './threadEntry';

const HTML_THREAD = siblingEntry(__dirname, __filename, 'htmlThread');
export const HTML_THREAD_DEFAULTS = { timeoutMs: 10_000, heapMb: 128 };

/**
 * The text of `html`, or undefined when it could not be had within `timeoutMs` (the thread is
 * then terminated) or the thread failed: the caller keeps the raw HTML and goes on without text.
 */
export async function htmlToPlainTextOffThread(
  html: string,
  options: Partial<typeof HTML_THREAD_DEFAULTS> = {},
): Promise<string | undefined> {
  if (html.length <= HTML_TO_TEXT_LIMITS.chars) {
    try {
      return htmlToPlainText(html);
    } catch {
      return undefined;
    }
  }
  const { timeoutMs, heapMb } = { ...HTML_THREAD_DEFAULTS, ...options };
  const worker = new Worker(threadBootstrap(HTML_THREAD), {
    eval: true,
    execArgv: [],
    resourceLimits: {
      maxOldGenerationSizeMb: heapMb,
      maxYoungGenerationSizeMb: Math.max(4, heapMb / 8),
      stackSizeMb: 4,
    },
  });
  try {
    return await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      const done = (text: string | undefined) => {
        clearTimeout(timer);
        resolve(text);
      };
      worker.once('message', (text: string) => done(text));
      worker.once('error', () => done(undefined));
      worker.once('exit', () => done(undefined));
      worker.postMessage(html.slice(0, MAX_HTML_CHARS));
    });
  } finally {
    await worker.terminate();
  }
}
