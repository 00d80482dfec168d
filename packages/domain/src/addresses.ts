// Email address parsing for headers like `"Doe, Jane" <jane@x.com>, bob@y.com`.
import type { Address } from './types';

// Pragmatic, not RFC 5322: a local part without spaces or specials, a dotted domain.
const EMAIL = /^[^\s@"<>(),;:\\[\]]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}$/i;

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** Comparison form of an address: trimmed, lowercased. */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

function unquote(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replace(/\\(.)/g, '$1').trim();
  }
  return trimmed;
}

/**
 * `Jane Doe <jane@x.com>`, `"Doe, Jane" <jane@x.com>`, `<jane@x.com>` or `jane@x.com`.
 * Null when there is no valid address. The address keeps its case; the name is omitted if empty.
 */
export function parseAddress(input: string): Address | null {
  const trimmed = input.trim();
  const angle = /^(.*)<([^<>]*)>$/s.exec(trimmed);
  const address = (angle ? (angle[2] ?? '') : trimmed).trim();
  if (!isValidEmail(address)) return null;
  const name = angle ? unquote(angle[1] ?? '') : '';
  return name ? { address, name } : { address };
}

/** Splits on commas (or semicolons) outside quotes and angle brackets. */
function splitList(input: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted && ch === '\\' && i + 1 < input.length) {
      current += ch + input[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') angled = true;
    else if (!quoted && ch === '>') angled = false;
    else if (!quoted && !angled && (ch === ',' || ch === ';')) {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

/** Every valid address of a header value, in order; blank and unparseable entries are skipped. */
export function parseAddressList(input: string): Address[] {
  return splitList(input)
    .map(parseAddress)
    .filter((a): a is Address => a !== null);
}

/** A stored address (mongoose gives `name: null`) as a domain Address. */
export function toAddress(a: { address: string; name?: string | null }): Address {
  return a.name ? { address: a.address, name: a.name } : { address: a.address };
}
