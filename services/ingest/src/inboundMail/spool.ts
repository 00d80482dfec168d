// Received content goes to temporary files as it arrives, never held whole in memory.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A part of the post (or of the MIME message) written to disk, with its size and sha256. */
export type SpooledFile = { path: string; size: number; sha256: string };

/** A directory for one post's files, removed with everything in it by `discard`. */
export async function spoolDirectory(): Promise<{ dir: string; discard: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'followups-inbound-'));
  return { dir, discard: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Writes the stream to `path`, hashing and counting as it goes. Each chunk first passes `accept`:
 * once it refuses one, writing stops (the file is incomplete, `complete: false`) but the stream is
 * still read to its end, and `size` counts every byte.
 */
export async function spool(
  stream: Readable,
  path: string,
  accept: (bytes: number) => boolean = () => true,
): Promise<SpooledFile & { complete: boolean }> {
  const hash = createHash('sha256');
  let size = 0;
  let complete = true;
  await pipeline(
    stream,
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        size += chunk.length;
        complete &&= accept(chunk.length);
        if (!complete) continue;
        hash.update(chunk);
        yield chunk;
      }
    },
    createWriteStream(path),
  );
  return { path, size, sha256: hash.digest('hex'), complete };
}

/** The content of a spooled file, read in pieces. */
export const readSpooled = (file: SpooledFile) => (): AsyncIterable<Buffer> => createReadStream(file.path);

/** The first `maxBytes` of a spooled file. */
export async function readHead(file: SpooledFile, maxBytes: number): Promise<Buffer> {
  const length = Math.min(file.size, maxBytes);
  if (length <= 0) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  for await (const chunk of createReadStream(file.path, { start: 0, end: length - 1 })) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}
