// Untrusted text at the size limits that made shared processes stall (issue 18): shared by the
// fault suite (test/faults/textStalls.test.ts) and the benchmark (test/bench/untrustedText.ts).

/** Lines shaped like quote headers ("<day>. … skrev …"), `chars` long: cubic for a backtracking parser. */
export const quoteHeaderLikeBody = (chars: number): string =>
  'mon. skrev skrev skrev skrev\n'.repeat(Math.ceil(chars / 29)).slice(0, chars);

/** A subject template that renders `spaces` spaces and no line break (about 140 characters of Liquid). */
export const spacesSubjectTemplate = (spaces: number): string =>
  `Quote{% for i in (1..${spaces / 100}) %}${' '.repeat(100)}{% endfor %}x`;

/** A body of `chars` punctuation between two words: what a follow-up phrase trims at both ends. */
export const punctuationBody = (chars: number): string => `Hello ${'-'.repeat(chars)} there friend`;

/** One `<table>` row of `bytes` bytes of cells. */
export function oneRowTable(bytes: number): string {
  const cell = '<td>cell</td>';
  return `<table><tr>${cell.repeat(Math.floor((bytes - 30) / cell.length))}</tr></table>`;
}

/** `depth` nested elements around one word. */
export const nestedHtml = (depth: number): string => `${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}`;
