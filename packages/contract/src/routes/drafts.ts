import { z } from 'zod';
import { c } from '../init';
import { errorResponse, idSchema } from '../schemas/common';
import { createDraftBodySchema, draftSchema } from '../schemas/drafts';

const draftEnvelopeSchema = z.object({ drafts: draftSchema });

export const draftsRouter = c.router({
  create: {
    method: 'POST',
    path: '/v1/drafts',
    summary: 'Send or schedule a message',
    description: [
      'Missive-compatible `POST /v1/drafts`. `send: true` sends now: the message is stored, the',
      "organization's enabled outgoing rules run on it (alphabetical order of description) and may",
      'start a follow-up sequence. `send_at` schedules the send instead; with `auto_followup` the',
      'scheduled send is discarded if a reply arrives first. Exactly one of `send: true` and `send_at`',
      'is required; `subject` is required unless `conversation` is given.',
    ].join(' '),
    headers: z.object({
      'idempotency-key': z.string().min(1).max(255).optional().describe('Retries with the same key return the first answer instead of sending again'),
    }),
    body: createDraftBodySchema,
    responses: {
      201: draftEnvelopeSchema.describe('The sent or scheduled draft'),
      404: errorResponse('The conversation, team, organization or a label does not exist'),
      409: errorResponse('The conversation is in a state that rejects this draft, or the request repeats one already sent'),
      422: errorResponse('A recipient is on the suppression list (`recipient_suppressed`): the message and `issues` name the address and the reason'),
      502: errorResponse('The email provider rejected the message'),
    },
  },
  discard: {
    method: 'DELETE',
    path: '/v1/drafts/:id',
    pathParams: z.object({ id: idSchema }),
    summary: 'Discard a scheduled draft',
    description: 'Cancels a scheduled send or a scheduled follow-up. The draft is kept with status `discarded`.',
    responses: {
      200: draftEnvelopeSchema.describe('The discarded draft'),
      404: errorResponse('No such draft'),
      409: errorResponse('The draft is no longer scheduled (sending, sent, discarded or failed)'),
    },
  },
});
