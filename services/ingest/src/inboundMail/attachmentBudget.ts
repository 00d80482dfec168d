import type { AttachmentMeta, DroppedAttachment } from '@follow-ups/db';
import type { SpooledFile } from './spool';

/** Bounds per received mail: beyond them attachments are dropped (and noted), the mail is kept. */
export const MAX_ATTACHMENTS = 100;
export const MAX_ATTACHMENT_BYTES = 30 * 1024 * 1024;

/** A kept attachment on disk; `field` is the post's part name (`attachment1`) when it came as one. */
export type SpooledAttachment = SpooledFile & AttachmentMeta & { field?: string };

type Outcome = { index: number } & ({ kept: SpooledAttachment } | { dropped: DroppedAttachment });

/**
 * Decides, byte by byte as attachments stream in, which ones a mail keeps: the first
 * MAX_ATTACHMENTS files whose content fits, in order, within MAX_ATTACHMENT_BYTES in total.
 */
export class AttachmentBudget {
  private used = 0;
  private opened = 0;
  private readonly outcomes: Outcome[] = [];

  /** The next file: its index, and the gate its chunks pass (see `spool`). */
  open(): { index: number; accept: (bytes: number) => boolean } {
    const index = this.opened++;
    let taken = 0;
    let refused = index >= MAX_ATTACHMENTS;
    const accept = (bytes: number) => {
      if (!refused && this.used + bytes <= MAX_ATTACHMENT_BYTES) {
        this.used += bytes;
        taken += bytes;
        return true;
      }
      refused = true;
      this.used -= taken;
      taken = 0;
      return false;
    };
    return { index, accept };
  }

  /** Records what became of file `index` once it was read. */
  settle(index: number, meta: AttachmentMeta & { field?: string }, file: SpooledFile & { complete: boolean }): void {
    if (file.complete) {
      this.outcomes.push({ index, kept: { ...meta, path: file.path, size: file.size, sha256: file.sha256 } });
      return;
    }
    const reason =
      index >= MAX_ATTACHMENTS
        ? `more than ${MAX_ATTACHMENTS} attachments in one mail`
        : `attachments over ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB in one mail`;
    this.outcomes.push({
      index,
      dropped: { filename: meta.filename, contentType: meta.contentType, size: file.size, reason },
    });
  }

  get kept(): SpooledAttachment[] {
    return this.sorted().flatMap((o) => ('kept' in o ? [o.kept] : []));
  }

  get dropped(): DroppedAttachment[] {
    return this.sorted().flatMap((o) => ('dropped' in o ? [o.dropped] : []));
  }

  private sorted(): Outcome[] {
    return [...this.outcomes].sort((a, b) => a.index - b.index);
  }
}
