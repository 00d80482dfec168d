// Canned responses: Liquid templates rendered with recipient, user and conversation data.
// Rendering runs in a sandbox thread (templateSandbox.ts) on engines without a file system
// (liquidEngine.ts); checking at save parses on the same engine.
import { htmlDepth, looksLikeHtml } from '../text/htmlToText';
import { MAX_TEMPLATE_LENGTH } from './liquidEngine';
import { TemplateRenderError, TemplateSandbox } from './templateSandbox';
import type { Person, TemplateData } from './templateData';
import type { Address } from '../types';

export { TemplateRenderError } from './templateSandbox';

export type { Person, Sender, TemplateData } from './templateData';

/**
 * Person data from an address. "Jane van Dyke" → first "Jane", last "van Dyke";
 * directory style "Doe, Jane" (one word before the comma) → first "Jane", last "Doe";
 * no name → email only.
 */
export function personFromAddress(a: Address): Person {
  const email = a.address.trim();
  const name = a.name?.trim().replace(/\s+/g, ' ');
  if (!name) return { email };
  const directory = /^([^\s,]+),\s*(.+)$/.exec(name);
  if (directory) return { email, name, first_name: directory[2], last_name: directory[1] };
  const [first, ...rest] = name.split(' ');
  return rest.length
    ? { email, name, first_name: first, last_name: rest.join(' ') }
    : { email, name, first_name: first };
}

const NO_DATA: TemplateData = { recipient: { email: '' }, user: { email: '' } };
let sandbox: TemplateSandbox | undefined;
const shared = () => (sandbox ??= new TemplateSandbox());

/** A template as plain text (e.g. a subject). Rejects with TemplateRenderError when the template is at fault. */
export async function renderTemplate(template: string, data: TemplateData): Promise<string> {
  return (await shared().run({ mode: 'text', template, data })) as string;
}

/**
 * A mail body, both parts. A body written as HTML renders with every value HTML-escaped (only the
 * sender's signature is output as HTML), its text part stripped from that; a body written as text
 * renders as text, its HTML part escaped from that. Rejects with TemplateRenderError.
 */
export async function renderBody(template: string, data: TemplateData): Promise<{ text: string; html: string }> {
  return (await shared().run({ mode: 'body', template, data })) as { text: string; html: string };
}

/** Stops the sandbox threads (a later render starts them again). */
export async function closeTemplateRenderer(): Promise<void> {
  await sandbox?.close();
  sandbox = undefined;
}

const TOO_DEEP = 'Maximum call stack size exceeded';
/** Deeper HTML is refused at save: no mail needs it (conversion itself is bounded, see text/htmlToText.ts). */
const MAX_TEMPLATE_HTML_DEPTH = 1_000;

/**
 * Why a template cannot be saved, or null when it can: too long, HTML too deep to convert, or a
 * Liquid error (parse error, a file tag, an unknown filter). The Liquid parse runs in the sandbox
 * too, since liquidjs's parse time grows faster than the template (≈1 s at 100 KB of outputs).
 */
export async function validateTemplate(template: string): Promise<string | null> {
  if (template.length > MAX_TEMPLATE_LENGTH) return `longer than ${MAX_TEMPLATE_LENGTH} characters`;
  if (looksLikeHtml(template) && htmlDepth(template) > MAX_TEMPLATE_HTML_DEPTH)
    return 'its HTML elements are nested too deeply';
  try {
    await shared().run({ mode: 'check', template, data: NO_DATA });
    return null;
  } catch (err) {
    if (!(err instanceof TemplateRenderError)) throw err;
    return err.reason.replace(TOO_DEEP, 'tags or expressions are nested too deeply');
  }
}

/** "Re: " + subject, unless it already starts with Re: in any case. */
export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  return /^re\s*:/i.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}
