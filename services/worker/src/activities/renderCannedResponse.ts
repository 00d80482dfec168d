// A follow-up's text from its canned response. A template at fault (Liquid error, a limit hit) is a
// non-retryable TemplateRenderFailed: rendering it again would fail again.
import { oneLine, renderBody, renderTemplate, TemplateRenderError, type TemplateData } from '@follow-ups/domain';
import { ApplicationFailure } from '@temporalio/common';

export const TEMPLATE_RENDER_FAILED = 'TemplateRenderFailed';

/** Body (text and HTML) and subject; the subject falls back to `defaultSubject` and stays on one line. */
export async function renderCannedResponse(
  response: { body: string; subject?: string | null },
  data: TemplateData,
  defaultSubject: string,
) {
  try {
    const [body, subject] = await Promise.all([
      renderBody(response.body, data),
      response.subject ? renderTemplate(response.subject, data) : defaultSubject,
    ]);
    return { ...body, subject: oneLine(subject) };
  } catch (error) {
    if (error instanceof TemplateRenderError)
      throw ApplicationFailure.nonRetryable(`canned response: ${error.message}`, TEMPLATE_RENDER_FAILED);
    throw error;
  }
}
