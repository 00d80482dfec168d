// Served by plain express (multipart), outside the ts-rest router: declared here so the
// OpenAPI document and the handler share one schema. Not part of `contract`.
import { z } from 'zod';
import { c } from '../init';
import { errorResponse } from '../schemas/common';
import { inboundResultSchema, sendgridInboundSchema } from '../schemas/webhooks';

export const webhooksRouter = c.router({
  sendgridInbound: {
    method: 'POST',
    path: '/webhooks/sendgrid/inbound/:secret',
    pathParams: z.object({
      secret: z.string().min(1).describe('The shared secret configured in the Inbound Parse URL'),
    }),
    contentType: 'multipart/form-data',
    summary: 'SendGrid Inbound Parse webhook',
    description: [
      'Receives each email sent to the reply domain. The URL secret authenticates SendGrid. The reply',
      'is matched to its conversation (signed reply address, then In-Reply-To/References) and recorded;',
      'a reply from a person discards the follow-ups still scheduled. Repeated deliveries are',
      'recognised by Message-ID and answered 200.',
    ].join(' '),
    body: sendgridInboundSchema,
    responses: {
      200: inboundResultSchema.describe('Accepted, recognised as a duplicate, or ignored (no conversation)'),
      400: errorResponse('The payload is not an Inbound Parse post'),
      401: errorResponse('Wrong secret'),
      413: errorResponse('The body is larger than 32 MiB (SendGrid posts mail up to 30 MB)'),
    },
    strictStatusCodes: true,
  },
});
