// Text normalisation shared by condition matching.

/**
 * Prepares free text for case-insensitive phrase matching: drops quote markers ("> ") at line
 * starts, collapses every whitespace run (newlines, tabs, nbsp) to one space, lowercases.
 * A phrase wrapped across lines, in HTML or in quoted text, then still matches.
 */
export function normalizeText(value: string): string {
  return value
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Identifiers (addresses, team ids): trimmed and lowercased. */
export function normalizeId(value: string): string {
  return value.trim().toLowerCase();
}
