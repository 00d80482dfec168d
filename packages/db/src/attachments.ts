// Attachments of received mail, kept so that a later activity can forward them with the reply.
import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { isDuplicateKeyError } from './errors';
import { chunkId, InboundAttachmentChunk } from './models/inbound-attachment-chunk';
import { InboundAttachmentList, type DroppedAttachment, type InboundAttachmentListDoc } from './models/inbound-attachment-list';

/** Well under the 16 MB document limit, large enough that a 30 MB mail is ~30 inserts. */
export const ATTACHMENT_CHUNK_BYTES = 1024 * 1024;

type Id = Types.ObjectId | string;

export type AttachmentMeta = { filename: string; contentType: string; contentId?: string; inline?: boolean };
/** An attachment to store: its content is read once, in pieces of any size. */
export type AttachmentSource = AttachmentMeta & { content: () => AsyncIterable<Buffer> };
export type LoadedAttachment = AttachmentMeta & { size: number; content: Buffer };

async function insertOnce(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** Cuts the content into ATTACHMENT_CHUNK_BYTES pieces and inserts them in order. */
async function storeContent(organization: Id, message: Id, file: number, content: AsyncIterable<Buffer>) {
  const hash = createHash('sha256');
  let size = 0;
  let n = 0;
  let chunk = Buffer.allocUnsafe(ATTACHMENT_CHUNK_BYTES);
  let filled = 0;
  const flush = async () => {
    const data = chunk.subarray(0, filled);
    await insertOnce(() => InboundAttachmentChunk.create({ _id: chunkId(message, file, n), organization, message, file, n, data }));
    n += 1;
    chunk = Buffer.allocUnsafe(ATTACHMENT_CHUNK_BYTES);
    filled = 0;
  };
  for await (const piece of content) {
    hash.update(piece);
    size += piece.length;
    for (let offset = 0; offset < piece.length; ) {
      const copied = piece.copy(chunk, filled, offset);
      filled += copied;
      offset += copied;
      if (filled === ATTACHMENT_CHUNK_BYTES) await flush();
    }
  }
  if (filled > 0 || n === 0) await flush();
  return { size, sha256: hash.digest('hex'), chunks: n };
}

/**
 * Stores a received Message's attachments (chunks first, then their list) and notes the ones
 * not kept. Call it BEFORE writing the Message. Idempotent per message: a retry after a crash
 * rewrites the same chunk ids and keeps the first complete list.
 */
export async function storeAttachments(organization: Id, message: Id, files: AttachmentSource[], dropped: DroppedAttachment[] = []): Promise<void> {
  if (await InboundAttachmentList.exists({ _id: message })) return;
  const stored: (AttachmentMeta & { size: number; sha256: string; chunks: number })[] = [];
  for (const [index, file] of files.entries()) {
    const { content, ...meta } = file;
    stored.push({ ...meta, ...(await storeContent(organization, message, index, content())) });
  }
  await insertOnce(() => InboundAttachmentList.create({ _id: message, organization, files: stored, dropped }));
}

/** What a received Message came with: the kept files (without content) and the dropped ones. */
export async function attachmentListOf(organizationId: Id, messageObjectId: Id): Promise<InboundAttachmentListDoc | null> {
  return InboundAttachmentList.findOne({ _id: messageObjectId, organization: organizationId }).lean<InboundAttachmentListDoc>();
}

/**
 * The attachments of a received Message of this organization, content included, in the order
 * they came; [] when it had none (or is not this organization's). Throws when a chunk is missing
 * or the content does not match its recorded size and sha256.
 */
export async function loadAttachments(organizationId: Id, messageObjectId: Id): Promise<LoadedAttachment[]> {
  const list = await attachmentListOf(organizationId, messageObjectId);
  if (!list) return [];
  const loaded: LoadedAttachment[] = [];
  for (const [index, file] of list.files.entries()) {
    const parts: Buffer[] = [];
    for (let n = 0; n < file.chunks; n += 1) {
      const chunk = await InboundAttachmentChunk.findById(chunkId(list._id, index, n));
      if (!chunk) throw new Error(`attachment ${index} of message ${String(list._id)}: chunk ${n} is missing`);
      parts.push(chunk.data);
    }
    const content = Buffer.concat(parts);
    if (content.length !== file.size || createHash('sha256').update(content).digest('hex') !== file.sha256) {
      throw new Error(`attachment ${index} of message ${String(list._id)}: content does not match its size and sha256`);
    }
    const { filename, contentType, contentId, inline } = file;
    loaded.push({ filename, contentType, ...(contentId ? { contentId } : {}), inline: inline ?? false, size: file.size, content });
  }
  return loaded;
}
