// Served by plain express (raw body, HTML pages), outside the ts-rest router: declared here for the
// OpenAPI document. Not part of `contract`.
import { z } from 'zod';
import { c } from '../init';
import { errorResponse } from '../schemas/common';
import { sendgridEventBatchSchema, sendgridEventsResultSchema } from '../schemas/delivery';

const token = z.object({ token: z.string().min(1).describe('The signed token of the List-Unsubscribe link') });
const page = z.string().describe('A small HTML page');

export const deliveryRouter = c.router({
  sendgridEvents: {
    method: 'POST',
    path: '/webhooks/sendgrid/events/:secret',
    pathParams: z.object({ secret: z.string().min(1).describe('The webhook secret (INBOUND_WEBHOOK_SECRET)') }),
    summary: 'SendGrid Event Webhook',
    description: [
      'Delivery events, signed by SendGrid (ECDSA, `X-Twilio-Email-Event-Webhook-Signature` over',
      '`X-Twilio-Email-Event-Webhook-Timestamp` + the raw body). Matched to our messages by the',
      '`draft_id`/`conversation_id` custom args or `sg_message_id`. Hard bounces, drops, spam reports and',
      'unsubscribes suppress the address and stop its sequences; soft bounces in a row count as a hard one.',
      'Each `sg_event_id` is applied once; events for unknown messages are recorded and acknowledged.',
    ].join(' '),
    body: sendgridEventBatchSchema,
    responses: {
      200: sendgridEventsResultSchema.describe('Every event recorded'),
      400: errorResponse('The body is not a JSON array'),
      401: errorResponse('Wrong secret'),
      403: errorResponse('Missing, forged or stale signature, or no verification key configured'),
    },
    strictStatusCodes: true,
  },
  unsubscribePage: {
    method: 'GET',
    path: '/u/:token',
    pathParams: token,
    summary: 'Unsubscribe confirmation page',
    description:
      'The List-Unsubscribe link opened in a browser: a page with one button that unsubscribes. Changes nothing by itself.',
    responses: { 200: page, 404: page.describe('Not a valid link') },
    strictStatusCodes: true,
  },
  unsubscribeOneClick: {
    method: 'POST',
    path: '/u/:token',
    pathParams: token,
    contentType: 'application/x-www-form-urlencoded',
    body: z.object({ 'List-Unsubscribe': z.literal('One-Click').optional() }),
    summary: 'One-click unsubscribe (RFC 8058)',
    description:
      'No login: the signed token names the organization and the recipient. Suppresses the address (`unsubscribed`) and stops its sequences. Repeating it changes nothing.',
    responses: { 200: page.describe('Unsubscribed'), 404: page.describe('Not a valid link') },
    strictStatusCodes: true,
  },
});
