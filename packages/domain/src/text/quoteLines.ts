// What one line of a reply says about quoted history, in en, de, fr, es, it, nl and pt. Every test
// looks at one line (or an attribution wrapped over at most three) through anchored regexes with
// no nested or unbounded quantifiers, so reading a body stays linear in its length.

/** Longest line read as a header: anything longer is prose. */
const MAX_HEADER_LINE = 300;

/** Opening words of an attribution line ("On … wrote:", "Le … a écrit :", "Am … schrieb …:"). */
const ATTRIBUTION_OPENER = /^(?:on|le|el|il|em|am|op|den|in data|il giorno|w dniu)\s/i;
/** The verb of an attribution, anywhere in it ("wrote", "a écrit", "schrieb", "het volgende geschreven"). */
const ATTRIBUTION_VERB =
  /(?:^|[\s,)>])(?:wrote|writes|schrieb|schreef|geschreven|escribió|escribio|escreveu|scritto|écrit|ecrit|skrev)(?=[\s:,]|$)/iu;

/** A time ("10:00", "10.00", "10h00") or a year: every attribution dates the quoted message. */
const DATE_OR_TIME = /\d{1,2}[:.h]\d{2}|(?:19|20)\d{2}/;

/** Separator lines: "-----Original Message-----", "---------- Forwarded message ---------" and their translations. */
const SEPARATORS = new Set([
  'original message',
  'ursprüngliche nachricht',
  "message d'origine",
  'mensaje original',
  'messaggio originale',
  'oorspronkelijk bericht',
  'mensagem original',
  'forwarded message',
  'weitergeleitete nachricht',
  'message transféré',
  'mensaje reenviado',
  'messaggio inoltrato',
  'doorgestuurd bericht',
  'mensagem encaminhada',
  'begin forwarded message',
  'anfang der weitergeleiteten nachricht',
  'début du message réexpédié',
  'début du message réacheminé',
  'début du message transféré',
  'inicio del mensaje reenviado',
  'inizio messaggio inoltrato',
  'begin doorgestuurd bericht',
  'início da mensagem reencaminhada',
  'início da mensagem encaminhada',
]);

/** The first field of a quoted header block ("From:", "Von:", "De :", "Da:", "Van:"). */
const FROM_LABELS = new Set(['from', 'von', 'de', 'da', 'van']);
/** The other fields of such a block, in the seven languages. */
const FIELD_LABELS = new Set([
  ...['sent', 'date', 'to', 'cc', 'bcc', 'subject', 'reply-to'],
  ...['gesendet', 'datum', 'an', 'betreff', 'kopie'],
  ...['envoyé', 'envoye', 'à', 'a', 'objet', 'sujet', 'pour', 'cci'],
  ...['enviado', 'enviado el', 'enviada em', 'enviado em', 'fecha', 'para', 'asunto', 'assunto', 'data'],
  ...['inviato', 'oggetto'],
  ...['verzonden', 'aan', 'onderwerp'],
]);
const FIELD = /^\*?([\p{L}-]{1,12}(?: [\p{L}]{1,6})?)\*?\s?:/u;

/** Footers a phone or mail app adds below what the person wrote ("Sent from my iPhone"). */
const APP_FOOTER =
  /^(?:sent from my|sent from mail for|get outlook for|envoyé de mon|envoyé depuis mon|obtenir outlook pour|von meinem|gesendet von meinem|holen sie sich outlook|enviado desde mi|obtener outlook para|enviado do meu|enviado de meu|baixe o outlook|inviato da|inviato dal mio|scarica outlook|verzonden vanaf mijn|verstuurd vanaf mijn|download outlook voor)\s/i;

/** Characters stripped around a separator's words: dashes, underscores, spaces, `*`, `:`. */
const isFrame = (ch = '') =>
  ch === '-' || ch === '_' || ch === ' ' || ch === '\t' || ch === '*' || ch === ':' || ch === '=';

/** `line` without the frame characters at both ends, by index (a trailing-run regex would be quadratic). */
export function stripFrame(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && isFrame(line[start])) start++;
  while (end > start && isFrame(line[end - 1])) end--;
  return line.slice(start, end);
}

export const isQuoted = (line = ''): boolean => /^[ \t]{0,8}>/.test(line);
export const isBlank = (line = ''): boolean => line.trim() === '';

/** "-----Original Message-----", "Begin forwarded message:" and the like. */
export function isSeparator(line = ''): boolean {
  if (line.length > 120) return false;
  return SEPARATORS.has(stripFrame(line).toLowerCase());
}

/** A row of underscores or dashes on its own (Outlook's rule above a header block). */
export const isRule = (line = ''): boolean => line.length <= 120 && /^[ \t]*(?:_{8,}|-{8,})[ \t]*$/.test(line);

/** The field label a header line starts with, lower case ("from", "gesendet"), or null. */
export function fieldLabel(line = ''): string | null {
  if (line.length > MAX_HEADER_LINE) return null;
  const label = FIELD.exec(line.trimStart())?.[1]?.toLowerCase();
  return label ?? null;
}

/** Lines `at`… form a quoted header block: a From field and another field within the next lines. */
export function isHeaderBlock(lines: string[], at: number): boolean {
  const from = fieldLabel(lines[at]);
  if (!from || !FROM_LABELS.has(from)) return false;
  for (let i = at + 1; i < Math.min(lines.length, at + 7); i++) {
    if (isBlank(lines[i])) return false;
    const label = fieldLabel(lines[i]);
    if (label && FIELD_LABELS.has(label)) return true;
  }
  return false;
}

/**
 * How many lines from `at` make an attribution ("On … wrote:", possibly wrapped over up to three
 * lines), or 0. It ends with a colon, names the verb, and either opens with "On"/"Le"/"Am"/… and
 * carries a time or a year, or carries an address: "Here is what he wrote:" and "On Monday I wrote
 * 3 points:" are not attributions.
 */
export function attributionLength(lines: string[], at: number): number {
  for (let i = at; i < Math.min(lines.length, at + 3); i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.length > MAX_HEADER_LINE) return 0;
    // A wrapped attribution continues it: a line that opens one is where it starts.
    if (i > at && ATTRIBUTION_OPENER.test(line)) return 0;
    if (!line.endsWith(':') && !line.endsWith('：')) continue;
    const wrapped = lines.slice(at, i).map((l) => l.trim());
    if (wrapped.some((l) => /[.!?]$/.test(l))) return 0; // a sentence above it is not part of it
    const joined = [...wrapped, line].join(' ');
    if (!ATTRIBUTION_VERB.test(joined)) return 0;
    return (ATTRIBUTION_OPENER.test(joined) && DATE_OR_TIME.test(joined)) || /[@<]/.test(joined) ? i - at + 1 : 0;
  }
  return 0;
}

/** "Sent from my iPhone", "Von meinem iPhone gesendet": short, no sentence in it. */
export function isAppFooter(line = ''): boolean {
  const text = line.trim();
  return text.length <= 60 && APP_FOOTER.test(text) && !/[,;!?]|\.\s/.test(text);
}

/** The RFC 3676 signature delimiter, "-- " (also without its space). */
export const isSignatureDelimiter = (line = ''): boolean => line === '-- ' || line === '--';
