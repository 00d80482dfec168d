// Untrusted text made safe for one-line places (a subject), in linear time.

/**
 * Each run of whitespace that holds a line break becomes one space; other runs are kept.
 * (/\s*[\r\n]+\s*\/g is quadratic on a long run of spaces with no line break: 100,000 spaces took
 * ~5 s.) `\s+` matches each run once, so this is linear.
 */
export const oneLine = (text: string): string => text.replace(/\s+/g, (run) => (/[\r\n]/.test(run) ? ' ' : run));

const WORD_RUN = /[\p{L}\p{N}]+/gu;

/**
 * `text` without the characters that are neither letters nor digits at both ends: from the first
 * run of letters and digits to the end of the last, found in one pass (/[^\p{L}\p{N}]+$/ is
 * quadratic on a long run of punctuation inside the text).
 */
export function trimToWords(text: string): string {
  let start = -1;
  let end = -1;
  for (const run of text.matchAll(WORD_RUN)) {
    if (start < 0) start = run.index;
    end = run.index + run[0].length;
  }
  return start < 0 ? '' : text.slice(start, end);
}
