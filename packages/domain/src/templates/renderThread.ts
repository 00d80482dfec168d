// The inside of a template sandbox thread (templateSandbox.ts): renders one job per message.
import { parentPort } from 'node:worker_threads';
import type { Liquid, Template } from 'liquidjs';
import { htmlToPlainText, looksLikeHtml, textToHtml } from '../text/htmlToText';
import { htmlEngine, MAX_OUTPUT_LENGTH, textEngine, TrustedHtml } from './liquidEngine';
import type { TemplateData } from './templateData';
import type { RenderReply, RenderRequest } from './templateSandbox';

/** The data as templates see it: the sender's signature (trusted HTML) as HTML or as text. */
function scope(data: TemplateData, html: boolean) {
  const { signature, ...user } = data.user;
  if (signature == null) return data;
  return { ...data, user: { ...user, signature: html ? new TrustedHtml(signature) : htmlToPlainText(signature) } };
}

/**
 * Parsed templates of this thread, per engine, by their text: canned responses repeat, and parsing is a third of
 * a short template's render. Only short ones, and few characters in all, so that what is kept stays small beside
 * the thread's heap limit (a long template is parsed each time, as before); emptied when full.
 */
const MAX_PARSED = 200;
const MAX_PARSED_TEMPLATE = 20_000;
const MAX_PARSED_CHARACTERS = 200_000;
const parsed = new Map<Liquid, Map<string, Template[]>>();
let parsedCount = 0;
let parsedCharacters = 0;

function parse(engine: Liquid, template: string): Template[] {
  const hit = parsed.get(engine)?.get(template);
  if (hit) return hit;
  const templates = engine.parse(template); // a parse error is thrown, never kept
  if (template.length > MAX_PARSED_TEMPLATE) return templates;
  if (parsedCount >= MAX_PARSED || parsedCharacters + template.length > MAX_PARSED_CHARACTERS) {
    parsed.clear();
    parsedCount = parsedCharacters = 0;
  }
  let cache = parsed.get(engine);
  if (!cache) parsed.set(engine, (cache = new Map()));
  cache.set(template, templates);
  parsedCount++;
  parsedCharacters += template.length;
  return templates;
}

async function render(engine: Liquid, template: string, data: object): Promise<string> {
  const output: unknown = await engine.render(parse(engine, template), data);
  const text = String(output);
  if (text.length > MAX_OUTPUT_LENGTH) throw new Error(`the output is longer than ${MAX_OUTPUT_LENGTH} characters`);
  return text;
}

/** A body written as HTML renders with escaped values; one written as text renders as text. */
async function renderBody(template: string, data: TemplateData) {
  if (!looksLikeHtml(template)) {
    const text = await render(textEngine, template, scope(data, false));
    return { text, html: textToHtml(text) };
  }
  const html = await render(htmlEngine, template, scope(data, true));
  return { text: htmlToPlainText(html), html };
}

async function run(job: RenderRequest): Promise<unknown> {
  if (job.mode === 'body') return renderBody(job.template, job.data);
  if (job.mode === 'text') return render(textEngine, job.template, scope(job.data, false));
  textEngine.parse(job.template);
  return null;
}

parentPort!.on('message', async (job: RenderRequest) => {
  let reply: RenderReply;
  try {
    const value = await run(job);
    reply = { id: job.id, ok: true, value };
  } catch (error) {
    reply = { id: job.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true } satisfies RenderReply);
