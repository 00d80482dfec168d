import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * An ObjectId derived from what a document is about (e.g. a trigger message and a step): two
 * processes doing the same work write the same `_id`, so the unique `_id` lets one of them in,
 * and the document is found again by `_id` (fast on FerretDB) instead of by a scan.
 */
export function derivedObjectId(...parts: string[]): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24));
}
