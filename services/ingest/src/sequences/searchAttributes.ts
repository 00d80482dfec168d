import {
  defaultPayloadConverter,
  SearchAttributeType,
  TypedSearchAttributes,
  type Payload,
  type SearchAttributePair,
} from '@temporalio/common';
import { searchAttributes } from '@follow-ups/workflows';

export { quoteQueryValue as quote } from '@follow-ups/workflows';

/**
 * The sequence's search attributes from the raw payloads of a visibility listing (the client's
 * describe and list decode them already: `typedSearchAttributes`). Each value is read with the
 * type of its key in the workflows' table.
 */
export function decodeSequenceAttributes(fields: Record<string, Payload> | null | undefined): TypedSearchAttributes {
  const pairs = Object.values(searchAttributes).flatMap((key): SearchAttributePair[] => {
    const payload = fields?.[key.name];
    const decoded = payload ? defaultPayloadConverter.fromPayload<unknown>(payload) : null;
    const value = Array.isArray(decoded) ? decoded[0] : decoded;
    if (value === null || value === undefined) return [];
    return [
      {
        key,
        value: key.type === SearchAttributeType.DATETIME ? new Date(value as string) : value,
      } as SearchAttributePair,
    ];
  });
  return new TypedSearchAttributes(pairs);
}
