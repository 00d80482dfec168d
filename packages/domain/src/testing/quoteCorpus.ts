// The quote-stripping corpus (test/corpus/quotes): one file per language and split, cases separated by `=== <name>`,
// the input above a `---- expected` line and the reply it should leave below it.
import fs from 'node:fs';
import path from 'node:path';

export type QuoteCase = { split: string; lang: string; name: string; input: string; expected: string };
export const SPLITS = ['tuning', 'heldout'] as const;

function parseFile(split: string, lang: string, content: string): QuoteCase[] {
  return content
    .split(/^=== /m)
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => {
      const newline = chunk.indexOf('\n');
      const [input = '', expected = ''] = chunk.slice(newline + 1).split(/^---- expected\n/m);
      return {
        split,
        lang,
        name: chunk.slice(0, newline).trim(),
        input: input.replace(/\n$/, ''),
        expected: expected.trim(),
      };
    });
}

/** The corpus folder of the repository (the corpus is test data, kept out of src/). */
export const QUOTE_CORPUS_DIR = path.join(__dirname, '../../../../test/corpus/quotes');

export function loadCases(split: string, corpusDir = QUOTE_CORPUS_DIR): QuoteCase[] {
  const dir = path.join(corpusDir, split);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => parseFile(split, f.replace(/\.txt$/, ''), fs.readFileSync(path.join(dir, f), 'utf8')));
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export type Verdict = { exact: boolean; leaked: string[]; lost: string[] };

/** Exact (lines trimmed), lines kept that the expected reply drops (leaks), lines of the reply lost. */
export function judge(c: QuoteCase, output: string): Verdict {
  const [got, want] = [lines(output), lines(c.expected)];
  return {
    exact: got.join('\n') === want.join('\n'),
    leaked: got.filter((l) => !want.includes(l)),
    lost: want.filter((l) => !got.includes(l)),
  };
}
