// Files of outgoing mail (drafts, canned responses, sent messages), stored like received ones:
// in chunks keyed by their owner's id, never inline in the documents that are read hot.
import type { Types } from 'mongoose';
import { InboundAttachmentChunk, InboundAttachmentList, loadAttachments, storeAttachments } from '@follow-ups/db';
import type { MailAttachment } from '@follow-ups/mailer';

type Id = Types.ObjectId | string;

/** Stores the files under `owner` (a message, draft, saved draft or canned response id). Idempotent per owner. */
export async function storeMailAttachments(organization: Id, owner: Id, files: MailAttachment[]): Promise<void> {
  if (!files.length) return;
  await storeAttachments(
    organization,
    owner,
    files.map(({ content, ...meta }) => ({
      ...meta,
      content: async function* () {
        yield content;
      },
    })),
  );
}

/** The files stored under `owner`, content included; [] when none. */
export async function loadMailAttachments(organization: Id, owner: Id): Promise<MailAttachment[]> {
  return (await loadAttachments(organization, owner)).map(({ filename, contentType, content }) => ({
    filename,
    contentType,
    content,
  }));
}

/** Deletes the files stored under `owner` (their list first, so nothing half-deleted is ever read). */
export async function deleteMailAttachments(organization: Id, owner: Id): Promise<void> {
  await InboundAttachmentList.deleteOne({ _id: owner, organization });
  await InboundAttachmentChunk.deleteMany({ organization, message: owner });
}
