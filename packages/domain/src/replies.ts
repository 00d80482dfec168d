// Classifying received mail: auto-replies and threading headers.

type Headers = Record<string, string | undefined>;

function lowerCaseKeys(headers: Headers): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) map.set(key.toLowerCase(), value);
  }
  return map;
}

const AUTO_PRECEDENCE = new Set(['bulk', 'junk', 'list', 'auto_reply']);

/**
 * True for machine-generated mail (out-of-office, autoresponders, lists), which must not count
 * as the prospect's reply: RFC 3834 Auto-Submitted other than "no", X-Autoreply or X-Autorespond
 * present, or Precedence bulk/junk/list/auto_reply. Header names are case-insensitive.
 */
export function isAutoReply(headers: Headers): boolean {
  const h = lowerCaseKeys(headers);
  const autoSubmitted = h.get('auto-submitted')?.split(';')[0]?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (h.has('x-autoreply') || h.has('x-autorespond')) return true;
  const precedence = h.get('precedence')?.trim().toLowerCase();
  return precedence !== undefined && AUTO_PRECEDENCE.has(precedence);
}

/** The `<id>` tokens of an In-Reply-To or References value, brackets kept, duplicates removed. */
export function extractMessageIds(headerValue: string | undefined): string[] {
  return [...new Set(headerValue?.match(/<[^<>\s]+>/g) ?? [])];
}
