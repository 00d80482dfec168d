// What the conditions look at: the plain-text body and Missive's "message content".
import type { Address, ConditionField, OutgoingMessage } from '../types';
import { normalizeAddress } from '../addresses';
import { normalizeId, normalizeText } from '../normalize';
import { PhraseIndex } from '../phraseIndex';
import { htmlToPlainText } from './htmlToText';
import { withoutQuote } from './quotes';

/** The text part when it has content, else the stripped HTML part, else ''. */
export function bodyText(msg: Pick<OutgoingMessage, 'text' | 'html'>): string {
  if (msg.text && msg.text.trim() !== '') return msg.text;
  if (msg.html && msg.html.trim() !== '') return htmlToPlainText(msg.html);
  return '';
}

function formatAddress(a: Address): string {
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

function formatList(list: Address[]): string {
  return list.map(formatAddress).join(', ');
}

/**
 * Missive's "message content": from, to, cc, bcc (names and addresses), subject and body text
 * (HTML stripped, quoted text included), one part per line; empty parts are left out.
 */
export function messageContent(msg: OutgoingMessage, body: string = bodyText(msg)): string {
  return [formatAddress(msg.from), formatList(msg.to), formatList(msg.cc), formatList(msg.bcc), msg.subject, body]
    .filter((part) => part.trim() !== '')
    .join('\n');
}

const INDEX_AFTER_SCANS = 16;
const INDEX_MIN_LENGTH = 2048;

/**
 * What the conditions read of one message, prepared once however many rules look: each field's
 * normalised value is computed on first read (HTML stripped once, the content joined once), and
 * each phrase's "is it in there" answer is remembered. A long field asked about many phrases gets
 * a PhraseIndex instead of one scan per phrase. A missing field (no team) is undefined.
 */
export class MessageFields {
  private readonly values = new Map<ConditionField, string | undefined>();
  private readonly found = new Map<string, boolean>();
  private readonly scans = new Map<ConditionField, number>();
  private readonly indexes = new Map<ConditionField, PhraseIndex>();
  private body?: string;
  private aliases?: string[];

  constructor(private readonly msg: OutgoingMessage) {}

  /** The sender's other addresses, normalised (see OutgoingMessage.fromAliases). */
  fromAliases(): string[] {
    return (this.aliases ??= (this.msg.fromAliases ?? []).map(normalizeAddress));
  }

  value(field: ConditionField): string | undefined {
    if (!this.values.has(field)) this.values.set(field, this.read(field));
    return this.values.get(field);
  }

  /** Whether the field's normalised value contains `needle` (already normalised, non-empty). */
  contains(field: ConditionField, needle: string): boolean {
    const key = `${field}\u0000${needle}`;
    let hit = this.found.get(key);
    if (hit === undefined) {
      hit = this.search(field, needle);
      this.found.set(key, hit);
    }
    return hit;
  }

  private search(field: ConditionField, needle: string): boolean {
    const text = this.value(field);
    if (text === undefined) return false;
    const index = this.indexes.get(field);
    if (index) return index.includes(needle);
    // Indexing costs about a dozen scans of the text: worth it once a field is searched that often.
    const scans = (this.scans.get(field) ?? 0) + 1;
    this.scans.set(field, scans);
    if (scans > INDEX_AFTER_SCANS && text.length > INDEX_MIN_LENGTH) this.indexes.set(field, new PhraseIndex(text));
    return text.includes(needle);
  }

  private read(field: ConditionField): string | undefined {
    const msg = this.msg;
    switch (field) {
      case 'from':
        return normalizeAddress(msg.from.address);
      case 'team':
        return msg.teamId === undefined ? undefined : normalizeId(msg.teamId);
      case 'content':
        return normalizeText(messageContent(msg, this.bodyText()));
      case 'subject':
        return normalizeText(msg.subject);
      case 'body':
        return normalizeText(this.bodyText());
      case 'body_without_quote':
        return normalizeText(withoutQuote(this.bodyText()));
    }
  }

  private bodyText(): string {
    return (this.body ??= bodyText(this.msg));
  }
}
