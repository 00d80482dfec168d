import { z } from 'zod';
import { addressSchema, emailAddressSchema, idSchema, unixTimeSchema } from './common';
import { sharedLabelRefSchema } from './sharedLabels';

/** The conversation's follow-up sequence: its Temporal workflow id and status. */
export const conversationSequenceSchema = z.object({
  id: z.string().describe('Temporal workflow id'),
  status: z.string().optional(),
});

export const conversationSchema = z.object({
  id: idSchema,
  subject: z.string(),
  team: idSchema.nullable(),
  shared_labels: z.array(sharedLabelRefSchema),
  participants: z.array(addressSchema),
  created_at: unixTimeSchema,
  last_activity_at: unixTimeSchema,
  replied_at: unixTimeSchema.nullable().describe('When the first reply was received'),
  closed_at: unixTimeSchema.nullable().optional().describe('When a draft with `close: true` closed it'),
  sequence: conversationSequenceSchema
    .nullable()
    .describe('null in lists: `GET /v1/conversations/:id` reads it from Temporal'),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** Conversations shown per page at most (Missive's limit). */
export const CONVERSATIONS_PAGE_MAX = 50;

/** Missive's filters of `GET /v1/conversations` that apply here; any other is a 400 that names it. */
export const listConversationsQuerySchema = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(CONVERSATIONS_PAGE_MAX)
      .default(25)
      .describe(`At most ${CONVERSATIONS_PAGE_MAX}; 25 when omitted`),
    until: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'Paging, as Missive: the `last_activity_at` of the oldest conversation of the previous page. That second is included, so a conversation may come again: skip the ids you have',
      ),
    shared_label: idSchema.optional().describe('Conversations with this shared label'),
    team_all: idSchema.optional().describe('Conversations of this team'),
    email: emailAddressSchema.optional().describe('Conversations with this participant (any case)'),
    closed: z.enum(['true', 'false']).optional().describe('`true`: closed conversations only; `false`: open ones only'),
  })
  .strict();
export type ListConversationsQuery = z.infer<typeof listConversationsQuerySchema>;

/** Missive returns a one-element array for a single conversation. */
export const conversationsListSchema = z.object({ conversations: z.array(conversationSchema) });
export type ConversationsList = z.infer<typeof conversationsListSchema>;
