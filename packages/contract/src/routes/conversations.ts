import { z } from 'zod';
import { c } from '../init';
import { errorResponse, idSchema } from '../schemas/common';
import { conversationsListSchema } from '../schemas/conversations';
import { draftSchema } from '../schemas/drafts';
import { messagesListSchema } from '../schemas/messages';

const byId = z.object({ id: idSchema });
const notFound = errorResponse('No such conversation');

export const conversationsRouter = c.router({
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
    description: 'Sent and received messages, oldest first. `origin` tells API sends, engine follow-ups and received mail apart.',
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
});
