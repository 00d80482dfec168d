import type { CannedResponse } from '@follow-ups/contract';
import type { ResponseDoc } from '@follow-ups/db';
import { unixRequired } from '../http/unixTime';
import { describeAttachments } from '../drafts/decodeAttachments';

type StoredResponse = Pick<ResponseDoc, '_id' | 'title' | 'subject' | 'body'> & {
  attachments?: readonly { filename: string; contentType: string; size: number }[];
  createdAt?: Date;
  updatedAt?: Date;
};

export function presentResponse(response: StoredResponse): CannedResponse {
  return {
    id: String(response._id),
    title: response.title,
    subject: response.subject ?? null,
    body: response.body,
    attachments: describeAttachments(response.attachments ?? []),
    created_at: unixRequired(response.createdAt),
    modified_at: unixRequired(response.updatedAt ?? response.createdAt),
  };
}
