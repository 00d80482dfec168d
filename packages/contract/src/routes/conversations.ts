import { z } from 'zod';
import { c } from '../init';
import { erasureSchema, errorResponse, idSchema } from '../schemas/common';
import { conversationsListSchema, listConversationsQuerySchema } from '../schemas/conversations';
import { draftSchema } from '../schemas/drafts';
import { messagesListSchema } from '../schemas/messages';

const byId = z.object({ id: idSchema });
const notFound = errorResponse('No such conversation');

export const conversationsRouter = c.router({
  list: {
    method: 'GET',
    path: '/v1/conversations',
    query: listConversationsQuerySchema,
    summary: 'List conversations',
    description:
      "Newest activity first, with Missive's filters that apply here (`shared_label`, `team_all`, `email`, `closed`), `limit` ≤ 50 and `until` paging. Filters combine (all must hold). Another Missive filter (`inbox`, `assigned`, …) is a 400 that names it.",
    responses: {
      200: conversationsListSchema.describe('One page of conversations; fewer than `limit` on the last'),
      404: errorResponse('The shared label or team does not exist'),
    },
  },
  get: {
    method: 'GET',
    path: '/v1/conversations/:id',
    pathParams: byId,
    summary: 'Get a conversation',
    description:
      'The conversation with its labels, participants, reply time and follow-up sequence. Like Missive, `conversations` is a one-element array.',
    responses: {
      200: conversationsListSchema.describe('A one-element array'),
      404: notFound,
    },
  },
  listMessages: {
    method: 'GET',
    path: '/v1/conversations/:id/messages',
    pathParams: byId,
    summary: 'List the messages of a conversation',
    description:
      'Sent and received messages, oldest first. `origin` tells API sends, engine follow-ups and received mail apart.',
    responses: {
      200: messagesListSchema.describe('The messages'),
      404: notFound,
    },
  },
  listDrafts: {
    method: 'GET',
    path: '/v1/conversations/:id/drafts',
    pathParams: byId,
    summary: 'List the drafts of a conversation',
    description: 'Scheduled sends and follow-ups with their status, including sent and discarded ones.',
    responses: {
      200: z.object({ drafts: z.array(draftSchema) }).describe('The drafts'),
      404: notFound,
    },
  },
  erase: {
    method: 'DELETE',
    path: '/v1/conversations/:id',
    pathParams: byId,
    body: null,
    summary: 'Erase a conversation',
    description:
      'Admin tokens only. Stops its sequence and deletes the conversation with its messages, drafts, attachments, inbound records, hook events and deliveries and Temporal histories. Afterwards the conversation answers 404.',
    responses: { 200: erasureSchema, 404: notFound },
  },
});
