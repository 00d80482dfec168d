import { z } from 'zod';
import { addressSchema, idSchema, unixTimeSchema } from './common';
import { sharedLabelRefSchema } from './shared-labels';

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
  sequence: conversationSequenceSchema.nullable(),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** Missive returns a one-element array for a single conversation. */
export const conversationsListSchema = z.object({ conversations: z.array(conversationSchema) });
export type ConversationsList = z.infer<typeof conversationsListSchema>;
