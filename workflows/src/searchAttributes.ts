/**
 * Custom search attributes every sequence carries. The local stack registers them with
 * `temporal server start-dev --search-attribute`; production registers them once with
 * `temporal operator search-attribute create` (see README).
 */
export const SEARCH_ATTRIBUTE_TYPES = {
  OrganizationId: 'Keyword',
  ConversationId: 'Keyword',
  RuleId: 'Keyword',
  SenderAddress: 'Keyword',
  RecipientAddress: 'Keyword',
  SequenceStatus: 'Keyword',
  NextFollowUpAt: 'Datetime',
  FollowUpsSent: 'Int',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTE_TYPES;
