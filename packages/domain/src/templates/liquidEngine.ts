// The Liquid engines canned responses run on: no file system, DoS limits set, and for HTML an
// engine that escapes every output value unless the value is trusted HTML.
import { Context, Liquid, Tag, type TagToken, type TopLevelToken } from 'liquidjs';
import { escapeHtml } from '../text/htmlToText';

/** Longest template accepted at save (characters). */
export const MAX_TEMPLATE_LENGTH = 100_000;
/** liquidjs render limit: total time of one render, ms (checked between template nodes). */
export const RENDER_LIMIT_MS = 1_000;
/** liquidjs memory limit: characters and array items one render may allocate in all. */
export const MEMORY_LIMIT = 5_000_000;
/**
 * Blocks one render may run in all (each loop iteration and each branch taken counts one): a
 * deterministic bound, so a long loop fails the same way on a fast or a slow machine; the time
 * limit above stays as the backstop.
 */
export const MAX_BLOCK_RENDERS = 100_000;
/** Longest rendered output kept (characters). */
export const MAX_OUTPUT_LENGTH = 1_000_000;

/** Tags that would read other templates; canned responses have none to read. */
export const FILE_TAGS = ['include', 'render', 'layout'] as const;

/** An HTML fragment the engine outputs as is (e.g. a user's signature written as HTML). */
export class TrustedHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

function escapeOutput(value: unknown): string {
  if (value instanceof TrustedHtml) return value.html;
  return escapeHtml(value == null ? '' : String(value));
}

/** Counts every block the renderer runs per render context and fails past MAX_BLOCK_RENDERS. */
function countBlockRenders(liquid: Liquid): void {
  const counts = new WeakMap<Context, number>();
  const renderer = liquid.renderer;
  const renderTemplates = renderer.renderTemplates.bind(renderer);
  renderer.renderTemplates = function (templates, ctx, emitter) {
    const count = (counts.get(ctx) ?? 0) + 1;
    if (count > MAX_BLOCK_RENDERS)
      throw new Error(`loop iterations limit exceeded (more than ${MAX_BLOCK_RENDERS} blocks)`);
    counts.set(ctx, count);
    return renderTemplates(templates, ctx, emitter);
  };
}

/** A tag that refuses at parse time, so it fails at save and can never reach a file. */
function refusedTag(name: string) {
  return class extends Tag {
    constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
      super(token, remain, liquid);
      throw new Error(
        `the "${name}" tag is not available in canned responses (they cannot read other templates or files)`,
      );
    }
    *render(): Generator<unknown, void, unknown> {}
  };
}

function createEngine(html: boolean): Liquid {
  const liquid = new Liquid({
    templates: {}, // an empty in-memory file system: nothing on disk is ever looked up
    relativeReference: false,
    strictVariables: false, // a missing variable renders as '' so `| default:` applies
    strictFilters: true,
    ownPropertyOnly: true,
    parseLimit: MAX_TEMPLATE_LENGTH,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
    ...(html ? { outputEscape: escapeOutput } : {}),
  });
  for (const tag of FILE_TAGS) liquid.registerTag(tag, refusedTag(tag));
  countBlockRenders(liquid);
  // `raw` would let any value skip escaping; only TrustedHtml does. `escape` output is not escaped twice.
  liquid.registerFilter('raw', (value: unknown) => value);
  if (html) {
    for (const name of ['escape', 'escape_once'] as const) {
      const builtIn = liquid.filters[name];
      if (!builtIn) throw new Error(`liquidjs has no built-in ${name} filter`);
      const escape = (typeof builtIn === 'function' ? builtIn : builtIn.handler) as (
        this: unknown,
        value: unknown,
      ) => unknown;
      liquid.registerFilter(name, function (this: unknown, value: unknown) {
        return new TrustedHtml(String(escape.call(this, value)));
      });
    }
  }
  return liquid;
}

/** For plain text (subjects, text bodies): values as they are. */
export const textEngine = createEngine(false);
/** For HTML bodies: values HTML-escaped unless TrustedHtml. */
export const htmlEngine = createEngine(true);
