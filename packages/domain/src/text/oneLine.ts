// Untrusted text made safe for one-line places (a subject), in linear time.

/**
 * Each run of whitespace that holds a line break becomes one space; other runs are kept.
 * (/\s*[\r\n]+\s*\/g is quadratic on a long run of spaces with no line break: 100,000 spaces took
 * ~5 s.) `\s+` matches each run once, so this is linear.
 */
export const oneLine = (text: string): string => text.replace(/\s+/g, (run) => (/[\r\n]/.test(run) ? ' ' : run));

/** `text` without the characters that are neither letters nor digits at both ends, by index (linear). */
export function trimToWords(text: string): string {
  const word = /[\p{L}\p{N}]/u;
  const isWord = (ch = '') => word.test(ch);
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (start < end && !isWord(chars[start])) start++;
  while (end > start && !isWord(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}
