import { defineSearchAttributeKey, SearchAttributeType, TypedSearchAttributes } from '@temporalio/common';

/**
 * Custom search attributes of the workflows, typed: the workflows write them
 * (`upsertSearchAttributes`), ingest starts with them and reads and queries them. The local stack
 * registers them with `temporal server start-dev --search-attribute`; production registers them
 * once with `temporal operator search-attribute create` (see docs/production.md; deploy/production/check.sh
 * compares its script with this table).
 */
export const searchAttributes = {
  organization: defineSearchAttributeKey('OrganizationId', SearchAttributeType.KEYWORD),
  conversation: defineSearchAttributeKey('ConversationId', SearchAttributeType.KEYWORD),
  rule: defineSearchAttributeKey('RuleId', SearchAttributeType.KEYWORD),
  sender: defineSearchAttributeKey('SenderAddress', SearchAttributeType.KEYWORD),
  recipient: defineSearchAttributeKey('RecipientAddress', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('SequenceStatus', SearchAttributeType.KEYWORD),
  nextFollowUpAt: defineSearchAttributeKey('NextFollowUpAt', SearchAttributeType.DATETIME),
  followUpsSent: defineSearchAttributeKey('FollowUpsSent', SearchAttributeType.INT),
};

/** Name → type as the Temporal CLI spells it (`OrganizationId=Keyword`). */
export const SEARCH_ATTRIBUTE_TYPES: Record<string, string> = Object.fromEntries(
  Object.values(searchAttributes).map((key) => [key.name, TypedSearchAttributes.toMetadataType(key.type)]),
);

/** A value quoted for a Temporal visibility query. */
export const quoteQueryValue = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
