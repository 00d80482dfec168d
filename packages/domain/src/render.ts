// Canned responses: Liquid templates rendered with recipient, user and conversation data.
import { Liquid } from 'liquidjs';
import type { Address } from './types';

export type Person = { email: string; name?: string; first_name?: string; last_name?: string };
export type TemplateData = { recipient: Person; user: Person; conversation?: { subject: string } };

// One shared engine. ownPropertyOnly hides prototype members (e.g. `constructor`) from templates;
// unknown variables render as empty so `| default:` works.
const liquid = new Liquid({ strictVariables: false, ownPropertyOnly: true });

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

export function renderTemplate(template: string, data: TemplateData): Promise<string> {
  return liquid.parseAndRender(template, data);
}

/** The parse error message of a template, or null when it parses. */
export function validateTemplate(template: string): string | null {
  try {
    liquid.parse(template);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** "Re: " + subject, unless it already starts with Re: in any case. */
export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  return /^re\s*:/i.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Plain text as HTML: special characters escaped, line breaks as <br>. */
export function textToHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]).replace(/\r\n|\r|\n/g, '<br>');
}
