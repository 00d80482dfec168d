// Canned responses are Liquid templates: one that cannot be used is a 400 naming each field — a parse
// error, a tag that would read a file (include, render, layout), or more than 100,000 characters.
import { validateTemplate } from '@follow-ups/domain';
import { invalid } from '../http/appError';

/** A template to check and the request path it came from, e.g. `body.responses.0.body`. */
export type TemplateField = { path: string; template: string | null | undefined };

/** Throws one 400 listing every field whose Liquid cannot be used; returns when all can. */
export async function assertTemplatesParse(fields: TemplateField[]): Promise<void> {
  const checked = await Promise.all(
    fields.map(async ({ path, template }) => ({
      path,
      error: template == null ? null : await validateTemplate(template),
    })),
  );
  const issues = checked.flatMap(({ path, error }) =>
    error ? [{ path, message: `invalid Liquid template: ${error}` }] : [],
  );
  if (issues.length) throw invalid('a template is not valid Liquid for a canned response', issues);
}
