// Runs a directory of .eml files (mail nobody here wrote: a public set, a mailbox export) through
// ingest's own inbound parsing and classification, as a raw Inbound Parse post with no envelope
// sender (the pessimistic case), and prints how each was read: human (stops a sequence),
// auto (stops nothing), ooo (pauses). Usage: npm run corpus:eml -- <dir> [--list]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseInbound } from '../../services/ingest/src/inboundMail/parse';

async function verdictOf(file: string): Promise<string> {
  const bytes = readFileSync(file);
  const email = { path: file, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  const parsed = await parseInbound({ mode: 'raw', email, envelope: { to: [], from: null } });
  if (!parsed.parsed) return 'unparseable';
  return parsed.mail.outOfOffice ? 'ooo' : parsed.mail.autoReply ? 'auto' : 'human';
}

async function main(): Promise<void> {
  const [dir, flag] = process.argv.slice(2);
  if (!dir) throw new Error('usage: npm run corpus:eml -- <directory of .eml files> [--list]');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .sort();
  const counts: Record<string, number> = {};
  for (const [i, name] of files.entries()) {
    const verdict = await verdictOf(path.join(dir, name));
    counts[verdict] = (counts[verdict] ?? 0) + 1;
    if (flag === '--list') console.log(`${verdict}\t${name}`);
    else if ((i + 1) % 100 === 0) console.error(`[corpus:eml] ${i + 1} of ${files.length}`);
  }
  console.log(`${files.length} files:`, counts);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
