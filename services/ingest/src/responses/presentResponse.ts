import type { CannedResponse } from '@follow-ups/contract';
import type { ResponseDoc } from '@follow-ups/db';
import { unixRequired } from '../http/unixTime';

type StoredResponse = Pick<ResponseDoc, '_id' | 'title' | 'subject' | 'body'> & { createdAt?: Date; updatedAt?: Date };

export function presentResponse(response: StoredResponse): CannedResponse {
  return {
    id: String(response._id),
    title: response.title,
    subject: response.subject ?? null,
    body: response.body,
    created_at: unixRequired(response.createdAt),
    modified_at: unixRequired(response.updatedAt ?? response.createdAt),
  };
}
