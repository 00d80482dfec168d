// One decision for every received mail: a person's reply, an out-of-office, another autoresponder,
// or a bounce (docs/out-of-office.md). Ingest acts on `kind`; the corpus scores the same function.
import { withoutQuote } from '../text/quotes';
import {
  AUTO_SUBJECT,
  AUTOMATIC,
  AWAY,
  DETAIL,
  ENGAGED,
  LANGUAGES,
  OOO_SUBJECT,
  RETURNING,
  type Language,
} from './patterns';
import { returnDate } from './returnDate';
import { automaticByHeaders, isBounce, isNullSender, vacationByHeaders } from './signals';

export type InboundKind = 'human' | 'out_of_office' | 'auto_reply' | 'bounce';

export type InboundClassification = {
  kind: InboundKind;
  /** Machine-written or an absence notice: must not count as the prospect's answer. */
  autoReply: boolean;
  /** An out-of-office notice (pauses the sequence), as opposed to other autoresponders. */
  outOfOffice: boolean;
  by: 'bounce' | 'headers' | 'subject' | 'body' | null;
  language: Language | null;
  /** The local date (YYYY-MM-DD) the person is back, when the text names one. */
  returnDate: string | null;
};

export type InboundMail = {
  headers: Record<string, string | undefined>;
  subject: string;
  text: string;
  receivedAt: Date;
  /** The SMTP envelope sender, when known ("" or "<>" for a null return path). */
  envelopeFrom?: string | null;
  /** The recipient's IANA zone, for relative dates ("tomorrow", "Monday"); UTC when unknown. */
  timeZone?: string;
};

/** Quoted history starts here: only the new text is classified. */
const QUOTE_START =
  /^(?:>|-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|mensagem original)|(?:on|am|le|el|em|il|op) .{5,120}(?:wrote|schrieb|a écrit|escribió|escreveu|ha scritto|schreef)\s*:?\s*$|il giorno .{5,120} ha scritto|(?:from|von|de|da|van): .{1,200}@)/imu;
/** A notice is short; past this, body wording alone never makes a mail automatic. */
const NOTICE_CHARS = 1_500;

/** The new text of a reply, without quoted history (capped: inbound text is untrusted). */
export function ownText(text: string): string {
  const capped = text.slice(0, 10_000);
  const at = capped.search(QUOTE_START);
  const cut = at >= 0 ? capped.slice(0, at) : capped;
  const parsed = withoutQuote(cut).trim();
  return parsed || cut.trim();
}

const firstLanguage = (table: Record<Language, RegExp>, text: string) =>
  LANGUAGES.find((l) => table[l].test(text)) ?? null;

/** What the wording of the new text says, language by language. */
function wordingOf(body: string) {
  const away = firstLanguage(AWAY, body);
  const returning = firstLanguage(RETURNING, body);
  const automatic = firstLanguage(AUTOMATIC, body);
  const detail = LANGUAGES.some((l) => DETAIL[l].test(body));
  const engaged = /[?¿]/.test(body) || LANGUAGES.some((l) => ENGAGED[l].test(body));
  return { away, returning, automatic, detail, engaged, language: away ?? returning ?? automatic };
}

/**
 * Headers first (RFC 3834, vendors' vacation marks, Exchange's OOF), then the subject, then the
 * wording of the new text. Body wording alone makes an out-of-office only for a short notice that
 * says the writer is away (or when they are back) with a detail, and asks or proposes nothing:
 * "I'll be out next week, can we talk Thursday?" stays a person's reply. A hand-typed "I'm on
 * vacation until March 10th" is an out-of-office (docs/out-of-office.md).
 */
export function classifyInbound(mail: InboundMail): InboundClassification {
  const subject = (mail.subject ?? '').slice(0, 1_000);
  const text = mail.text ?? '';
  if (isBounce({ headers: mail.headers, subject, text, envelopeFrom: mail.envelopeFrom })) {
    return { kind: 'bounce', autoReply: true, outOfOffice: false, by: 'bounce', language: null, returnDate: null };
  }
  const body = ownText(text);
  const words = wordingOf(body);
  const byHeaders = automaticByHeaders(mail.headers) || isNullSender(mail.envelopeFrom);
  const vacation = vacationByHeaders(mail.headers);
  const oooSubject = OOO_SUBJECT.test(subject);
  const autoSubject = AUTO_SUBJECT.test(subject);
  const notice = body.length <= NOTICE_CHARS && !words.engaged;
  const says = Boolean(words.away || words.returning);
  const dated = () => returnDate(body, mail.receivedAt, words.language, mail.timeZone) !== null;
  const bodyOoo =
    notice &&
    Boolean(
      (words.away && (words.detail || words.returning || words.automatic)) ||
      (words.returning && (words.detail || dated())),
    );
  const bodyAuto = notice && Boolean(words.automatic);
  const machine = byHeaders || oooSubject || autoSubject;
  const outOfOffice = Boolean(machine ? vacation || oooSubject || (says && !autoSubject) : bodyOoo);
  const by = byHeaders ? 'headers' : oooSubject || autoSubject ? 'subject' : bodyOoo || bodyAuto ? 'body' : null;
  if (!by)
    return {
      kind: 'human',
      autoReply: false,
      outOfOffice: false,
      by: null,
      language: words.language,
      returnDate: null,
    };
  const language = words.language ?? firstLanguage(AWAY, subject);
  return {
    kind: outOfOffice ? 'out_of_office' : 'auto_reply',
    autoReply: true,
    outOfOffice,
    by,
    language,
    returnDate: outOfOffice ? returnDate(`${subject}\n${body}`, mail.receivedAt, language, mail.timeZone) : null,
  };
}

/** One short notice per language: enough to compile its patterns and date readers. */
const WARM_UP_NOTICES = [
  'I am out of the office until January 9th.',
  'Ich bin bis zum 9. Januar nicht im Büro.',
  "Je suis absent jusqu'au 9 janvier.",
  'Estoy fuera de la oficina hasta el 9 de enero.',
  'Sono fuori ufficio fino al 9 gennaio.',
  'Ik ben afwezig tot 9 januari.',
  'Estou fora do escritório até 9 de janeiro.',
];

/**
 * Compiles the classifier once: its regular expressions and chrono's date readers are built on
 * first use (hundreds of ms per language on a loaded machine). A service calls this at start, so no
 * inbound mail pays it on the event loop.
 */
export function warmUpInboundClassifier(): void {
  // V8 interprets a regular expression for its first runs and compiles it after: three rounds.
  for (let round = 0; round < 3; round++) {
    for (const text of WARM_UP_NOTICES)
      classifyInbound({ headers: {}, subject: 'Re: quote', text, receivedAt: new Date() });
  }
}
