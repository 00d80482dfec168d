import { z } from 'zod';
import { c } from '../init';
import { errorResponse, idSchema } from '../schemas/common';
import { createDraftBodySchema, draftSchema } from '../schemas/drafts';

const draftEnvelopeSchema = z.object({ drafts: draftSchema });
const byId = z.object({ id: idSchema });

export const draftsRouter = c.router({
  create: {
    method: 'POST',
    path: '/v1/drafts',
    summary: 'Send, schedule or save a message',
    description: [
      'Missive-compatible `POST /v1/drafts`. `send: true` sends now: the message is stored, the',
      "organization's enabled outgoing rules run on it (alphabetical order of description) and may",
      'start a follow-up sequence. `send_at` schedules the send instead; with `auto_followup` the',
      "scheduled send is discarded if a reply arrives first. With neither, the draft is saved (Missive's",
      'default): listed by `GET /v1/drafts`, sent by `POST /v1/drafts/:id/send`, and nothing about it runs rules',
      'until then. `subject` is required unless `conversation` is given. Missive fields this engine cannot',
      'honour (SMS, WhatsApp, `account`, …) are a 400 that names them; any other unknown field is a 400 too.',
    ].join(' '),
    headers: z.object({
      'idempotency-key': z
        .string()
        .min(1)
        .max(255)
        .optional()
        .describe('Retries with the same key return the first answer instead of sending again'),
    }),
    body: createDraftBodySchema,
    responses: {
      201: draftEnvelopeSchema.describe('The sent, scheduled or saved draft'),
      404: errorResponse('The conversation, team, organization or a label does not exist'),
      409: errorResponse(
        'The conversation is in a state that rejects this draft, or the request repeats one already sent',
      ),
      422: errorResponse(
        'A recipient is on the suppression list (`recipient_suppressed`): the message and `issues` name the address and the reason; or ' +
          "`from_field` is not the organization's (`sender_not_allowed`): one of its users or aliases, or in a domain the operator assigned to it",
      ),
      502: errorResponse('The email provider rejected the message'),
    },
  },
  list: {
    method: 'GET',
    path: '/v1/drafts',
    summary: 'List saved drafts',
    description: 'Drafts saved without `send`/`send_at`, newest first.',
    responses: {
      200: z.object({ drafts: z.array(draftSchema) }).describe('The saved drafts'),
    },
  },
  send: {
    method: 'POST',
    path: '/v1/drafts/:id/send',
    pathParams: byId,
    summary: 'Send a saved draft',
    description:
      'Sends a saved draft as `send: true` would (outgoing rules run on it); the saved draft is then gone. Sent once, however many calls race.',
    body: z.object({}).strict().optional(),
    responses: {
      201: draftEnvelopeSchema.describe('The sent draft'),
      404: errorResponse('No such saved draft (or it was sent or deleted meanwhile)'),
      409: errorResponse('Another request is sending this draft'),
      422: errorResponse(
        'A recipient is on the suppression list (`recipient_suppressed`), or the sender is no longer allowed (`sender_not_allowed`)',
      ),
      502: errorResponse('The email provider rejected the message; the draft is kept'),
    },
  },
  discard: {
    method: 'DELETE',
    path: '/v1/drafts/:id',
    pathParams: byId,
    summary: 'Delete a saved draft or discard a scheduled one',
    description:
      'Deletes a saved draft, or cancels a scheduled send or a scheduled follow-up (kept with status `discarded`).',
    responses: {
      200: draftEnvelopeSchema.describe('The deleted or discarded draft'),
      404: errorResponse('No such draft'),
      409: errorResponse('The draft is no longer scheduled (sending, sent, discarded or failed)'),
    },
  },
});
