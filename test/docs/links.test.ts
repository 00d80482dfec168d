// Every relative link in the repository's Markdown points at a file that exists, and every
// `#anchor` at a heading of its target (GitHub's slugs). Runs in the unit project: no server.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.stack', 'coverage']);
/**
 * Pages other branches add (the lead merges them): a link to one is skipped only while the file is
 * absent, so once merged these links are checked like the others.
 */
const PAGES_OF_OTHER_BRANCHES = [
  'out-of-office.md',
  'replies-and-quotes.md',
  'mail-from-any-mailbox.md',
  'security-hardening.md',
  'analytics.md',
].map((name) => path.join(root, 'docs', name));

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : markdownFiles(path.join(dir, entry.name));
    return entry.name.endsWith('.md') ? [path.join(dir, entry.name)] : [];
  });
}

/** The text outside fenced code blocks. */
const withoutFences = (markdown: string) => markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
/** The text outside code (fenced and inline), where a `](…)` is a link. */
const prose = (markdown: string) => withoutFences(markdown).replace(/`[^`\n]*`/g, '');

/** `[text](target)` and `![alt](target)`; the target without its optional title. */
export function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
}

/** GitHub's anchors for the headings of a file: lowercased, punctuation dropped, spaces → '-', repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of withoutFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count ? `${slug}-${count}` : slug);
  }
  return anchors;
}

/** What is wrong with each relative link of `file` (empty: all good). */
function brokenLinks(file: string, markdown = fs.readFileSync(file, 'utf8')): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, …
    const [rawPath, anchor] = target.split('#', 2);
    if (!rawPath) {
      if (!headingAnchors(markdown).has(anchor)) problems.push(`${target}: no heading with that anchor`);
      continue;
    }
    const resolved = path.resolve(path.dirname(file), decodeURIComponent(rawPath));
    if (!fs.existsSync(resolved)) {
      if (!PAGES_OF_OTHER_BRANCHES.includes(resolved)) problems.push(`${target}: no such file`);
    } else if (anchor && resolved.endsWith('.md') && !headingAnchors(fs.readFileSync(resolved, 'utf8')).has(anchor)) {
      problems.push(`${target}: no heading with that anchor`);
    }
  }
  return problems;
}

describe('Markdown links', () => {
  const files = markdownFiles(root);

  it('finds the README and the docs', () => {
    expect(files).toEqual(expect.arrayContaining([path.join(root, 'README.md'), path.join(root, 'docs', 'README.md')]));
  });

  it.each(files.map((file) => [path.relative(root, file), file]))(
    '%s: every relative link and anchor has a target',
    (_name, file) => {
      expect(brokenLinks(file)).toEqual([]);
    },
  );

  it('tells a broken link and a missing anchor from good ones', () => {
    const markdown =
      '# Sending windows\n\nSee [x](../README.md#where-to-go-next), [y](#sending-windows), [z](nowhere.md), [w](#nowhere), `[c](code.md)`.\n';
    expect(linkTargets(markdown)).toEqual([
      '../README.md#where-to-go-next',
      '#sending-windows',
      'nowhere.md',
      '#nowhere',
    ]);
    expect(brokenLinks(path.join(root, 'docs', 'example.md'), markdown)).toEqual([
      'nowhere.md: no such file',
      '#nowhere: no heading with that anchor',
    ]);
    expect([
      ...headingAnchors('## Deliverability: bounces, unsubscribes\n## A `code` title\n## A `code` title'),
    ]).toEqual(['deliverability-bounces-unsubscribes', 'a-code-title', 'a-code-title-1']);
  });
});
