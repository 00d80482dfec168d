// Canned responses are Liquid templates: one that cannot be used is a 400 naming each field — a parse
// error, a tag that would read a file (include, render, layout), or more than 100,000 characters.
import { validateTemplate } from '@follow-ups/domain';
import { invalid } from '../http/appError';

/** A template to check and the request path it came from, e.g. `body.responses.0.body`. */
export type TemplateField = { path: string; template: string | null | undefined };

/** Throws one 400 listing every field whose Liquid cannot be used; returns when all can. */
export function assertTemplatesParse(fields: TemplateField[]): void {
  const issues = fields.flatMap(({ path, template }) => {
    if (template == null) return [];
    const error = validateTemplate(template);
    return error ? [{ path, message: `invalid Liquid template: ${error}` }] : [];
  });
  if (issues.length) throw invalid('a template is not valid Liquid for a canned response', issues);
}
