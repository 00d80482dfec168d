// After a history preload: the background sweep ingest runs every few minutes (`sweepHistory`), run
// until it has nothing left, so the measured state is the steady one (ended drafts out of Draft).
import { sweepHistory } from '@follow-ups/db';
import { progress, round } from './measure';

export async function archivePreloadedHistory(): Promise<{ drafts: number; perSecond: number }> {
  const started = performance.now();
  let drafts = 0;
  for (;;) {
    const { draftsArchived } = await sweepHistory();
    if (draftsArchived === 0) break;
    drafts += draftsArchived;
  }
  const perSecond = drafts / ((performance.now() - started) / 1000);
  progress(`history sweep: ${drafts} ended drafts moved to DraftHistory (${round(perSecond)}/s)`);
  return { drafts, perSecond };
}
