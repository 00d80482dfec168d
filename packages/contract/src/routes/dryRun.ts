import { c } from '../init';
import { errorResponse } from '../schemas/common';
import { createDraftBodySchema } from '../schemas/drafts';
import { dryRunEnvelopeSchema } from '../schemas/analytics';

export const dryRunRouter = c.router({
  run: {
    method: 'POST',
    path: '/v1/rules/dry_run',
    summary: 'What the rules would do with a mail',
    description: [
      'Takes the body of `POST /v1/drafts` (validated the same way) and answers which outgoing rules would',
      'match it if it were sent now, with their follow-ups planned through the real sending windows, time',
      'zones and holidays and rendered from the canned responses, and for each other rule the first',
      'condition that did not hold. Writes nothing, sends nothing, starts no sequence, claims no send slot.',
    ].join(' '),
    body: createDraftBodySchema,
    responses: {
      200: dryRunEnvelopeSchema.describe('The matching and the other rules'),
      404: errorResponse('The conversation, team, organization or a label does not exist'),
      422: errorResponse('A recipient is on the suppression list (`recipient_suppressed`)'),
    },
  },
});
