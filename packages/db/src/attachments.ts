// Attachments of received mail, kept so that a later activity can forward them with the reply.
import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { isDuplicateKeyError } from './errors';
import { chunkId, InboundAttachmentChunk } from './models/inboundAttachmentChunk';
import {
  InboundAttachmentList,
  type DroppedAttachment,
  type InboundAttachmentListDoc,
} from './models/inboundAttachmentList';

/**
 * A message's files are stored end to end and cut into chunks of this size: well under the 16 MB
 * document limit, and few lookups per message (FerretDB reads by `_id` in time linear in the
 * collection's bytes, so a 30 MB mail is 8 lookups, and 100 small files one).
 */
export const ATTACHMENT_CHUNK_BYTES = 4 * 1024 * 1024;

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

/** Writes pieces end to end as ATTACHMENT_CHUNK_BYTES chunks `<message>:0`, `<message>:1`, … */
function chunkWriter(organization: Id, message: Id) {
  let n = 0;
  let chunk = Buffer.allocUnsafe(ATTACHMENT_CHUNK_BYTES);
  let filled = 0;
  const flush = async () => {
    const data = chunk.subarray(0, filled);
    await insertOnce(() => InboundAttachmentChunk.create({ _id: chunkId(message, n), organization, message, n, data }));
    n += 1;
    chunk = Buffer.allocUnsafe(ATTACHMENT_CHUNK_BYTES);
    filled = 0;
  };
  return {
    async write(piece: Buffer) {
      for (let offset = 0; offset < piece.length;) {
        const copied = piece.copy(chunk, filled, offset);
        filled += copied;
        offset += copied;
        if (filled === ATTACHMENT_CHUNK_BYTES) await flush();
      }
    },
    /** Writes the last, partial chunk; returns how many chunks there are. */
    async end() {
      if (filled > 0) await flush();
      return n;
    },
  };
}

/**
 * Stores a received Message's attachments (chunks first, then their list) and notes the ones
 * not kept. Call it BEFORE writing the Message. Idempotent per message: a retry after a crash
 * rewrites the same chunk ids and keeps the first complete list.
 */
export async function storeAttachments(
  organization: Id,
  message: Id,
  files: AttachmentSource[],
  dropped: DroppedAttachment[] = [],
): Promise<void> {
  if (await InboundAttachmentList.exists({ _id: message })) return;
  const writer = chunkWriter(organization, message);
  const stored: (AttachmentMeta & { offset: number; size: number; sha256: string })[] = [];
  let offset = 0;
  for (const { content, ...meta } of files) {
    const hash = createHash('sha256');
    let size = 0;
    for await (const piece of content()) {
      hash.update(piece);
      size += piece.length;
      await writer.write(piece);
    }
    stored.push({ ...meta, offset, size, sha256: hash.digest('hex') });
    offset += size;
  }
  const chunks = await writer.end();
  await insertOnce(() => InboundAttachmentList.create({ _id: message, organization, files: stored, chunks, dropped }));
}

/** What a received Message came with: the kept files (without content) and the dropped ones. */
export async function attachmentListOf(
  organizationId: Id,
  messageObjectId: Id,
): Promise<InboundAttachmentListDoc | null> {
  return InboundAttachmentList.findOne({
    _id: messageObjectId,
    organization: organizationId,
  }).lean<InboundAttachmentListDoc>();
}

/**
 * The attachments of a received Message of this organization, content included, in the order
 * they came; [] when it had none (or is not this organization's). Throws when a chunk is missing
 * or a file does not match its recorded size and sha256.
 */
export async function loadAttachments(organizationId: Id, messageObjectId: Id): Promise<LoadedAttachment[]> {
  const list = await attachmentListOf(organizationId, messageObjectId);
  return list ? attachmentContents(list) : [];
}

/** The files of a list the caller already read (`attachmentListOf`), content included: its chunks only are read. */
export async function attachmentContents(list: InboundAttachmentListDoc): Promise<LoadedAttachment[]> {
  const parts: Buffer[] = [];
  for (let n = 0; n < list.chunks; n += 1) {
    const chunk = await InboundAttachmentChunk.findById(chunkId(list._id, n));
    if (!chunk) throw new Error(`attachments of message ${String(list._id)}: chunk ${n} is missing`);
    parts.push(chunk.data);
  }
  const all = Buffer.concat(parts);
  return list.files.map((file, index) => {
    const content = all.subarray(file.offset, file.offset + file.size);
    if (content.length !== file.size || createHash('sha256').update(content).digest('hex') !== file.sha256) {
      throw new Error(`attachment ${index} of message ${String(list._id)}: content does not match its size and sha256`);
    }
    const { filename, contentType, contentId, inline } = file;
    return {
      filename,
      contentType,
      ...(contentId ? { contentId } : {}),
      inline: inline ?? false,
      size: file.size,
      content,
    };
  });
}
