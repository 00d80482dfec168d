// The day a person is back, from the dates an out-of-office names, read in their time zone: a
// "back on" date as is, the last day of an absence ("until Friday 11th", "bis einschließlich",
// the end of "1-15 July") as the next working day, "next week" as its Monday.
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { LANGUAGES, NEXT_WEEK, type Language } from './patterns';

type Found = { index: number; length: number; date: DateTime; range: boolean; yearKnown: boolean; dayKnown: boolean };
type Cue = 'return' | 'last-day' | 'until' | 'none' | 'start';

const SENTENCE_TAIL = /[^.!?\n]{0,45}$/u;
const RETURN_BEFORE =
  /(?:back|return(?:ing)?|reopen(?:ing)?|resume|zurück|wieder|ab(?: dem)?|retour|reprendrai|reprendre|réouverture|regreso|regresaré|volveré|vuelvo|vuelta|rientro|rientrerò|ritornerò|tornerò|torno|ritorno|terug|weer|vanaf|regresso|retorno|volto|de volta|retomamos|voltarei)(?![\p{L}])[^.!?\n]{0,25}$/iu;
const RETURN_AFTER =
  /^[^.!?\n]{0,30}?(?:ben ik (?:terug|weer)|(?:bin|sind) (?:ich|wir) (?:wieder|zurück)|wieder (?:da|erreichbar|im büro)|weer open)/iu;
const INCLUSIVE_BEFORE =
  /(?:einschließlich|einschliesslich|tot en met|t\/m|through|thru|up to and including)\s*(?:\p{L}+,?\s*)?$/iu;
const INCLUSIVE_AFTER =
  /^[\s,.)]{0,3}\(?(?:inclusive|inclusief|inclus|incluse|einschließlich|incluso|inclusive|compreso|incluído)(?![\p{L}])/iu;
const RANGE_END_BEFORE = /\d\.?\s*(?:to|au|al|a|bis|tot|-|–)\s*$/iu;
const UNTIL_BEFORE =
  /(?:until|till|til|bis(?: zum| zur)?|jusqu'?(?:au|à|a)|hasta(?: el)?|fino (?:al|a)|fino all'|tot|até(?: ao| o| dia| a)?)(?![\p{L}])[^.!?\n]{0,20}$/iu;
/** "next week", "this week": chrono's +7 days is not the Monday a person means (NEXT_WEEK). */
const RELATIVE_WEEK = /week|woche|semaine|semana|settimana/iu;
const START_BEFORE = /(?:from|vom|du|del|desde(?: el)?|dal|dall'|van|de)\s*$/iu;

/** chrono, then the day-month numbers (14.12.) and ordinals ("the 14th") it leaves out. */
function datesIn(text: string, local: DateTime, parsers: Language[]): Found[] {
  const reference = { instant: local.toJSDate(), timezone: local.offset };
  const found: Found[] = [];
  for (const lang of parsers) {
    for (const r of chrono[lang].parse(text, reference, { forwardDate: false })) {
      const c = r.end ?? r.start;
      if ((!c.isCertain('day') && !c.isCertain('weekday')) || RELATIVE_WEEK.test(r.text)) continue;
      const date = DateTime.fromObject(
        { year: c.get('year')!, month: c.get('month')!, day: c.get('day')! },
        { zone: local.zone },
      );
      found.push({
        index: r.index,
        length: r.text.length,
        date,
        range: Boolean(r.end),
        yearKnown: c.isCertain('year'),
        dayKnown: c.isCertain('day'),
      });
    }
  }
  // "del 1 al 17 de julio": chrono reads "del 1 al 17" as times; the end date alone is what matters.
  for (const m of firstOf(
    text.matchAll(/(?<!\d)\d{1,2}\.?\s?(?:al|a|au|bis|to|-|–)\s?(\d{1,2}\.?\s(?:de\s)?\p{L}{3,12})/giu),
    MAX_EXTRA,
  )) {
    for (const lang of parsers) {
      const [r] = chrono[lang].parse(m[1]!, reference, { forwardDate: false });
      if (!r?.start.isCertain('day') || !r.start.isCertain('month')) continue;
      const date = DateTime.fromObject(
        { year: r.start.get('year')!, month: r.start.get('month')!, day: r.start.get('day')! },
        { zone: local.zone },
      );
      found.push({
        index: m.index + m[0].length - m[1]!.length,
        length: m[1]!.length,
        date,
        range: true,
        yearKnown: r.start.isCertain('year'),
        dayKnown: true,
      });
      break;
    }
  }
  for (const m of firstOf(text.matchAll(/(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?(?![\d])/gu), MAX_EXTRA)) {
    const year = m[3] ? Number(m[3].length === 2 ? `20${m[3]}` : m[3]) : local.year;
    const date = DateTime.fromObject({ year, month: Number(m[2]), day: Number(m[1]) }, { zone: local.zone });
    if (date.isValid)
      found.push({ index: m.index, length: m[0].length, date, range: false, yearKnown: Boolean(m[3]), dayKnown: true });
  }
  for (const m of firstOf(text.matchAll(/(?<![\p{L}\d])(\d{1,2})(?:st|nd|rd|th)(?![\p{L}])/giu), MAX_EXTRA)) {
    if (found.some((f) => m.index >= f.index && m.index < f.index + f.length && f.dayKnown)) continue;
    let date = local.set({ day: Number(m[1]) });
    if (!date.isValid || date < local.startOf('day')) date = local.plus({ months: 1 }).set({ day: Number(m[1]) });
    if (date.isValid)
      found.push({ index: m.index, length: m[0].length, date, range: false, yearKnown: true, dayKnown: true });
  }
  return found;
}

function cueOf(text: string, f: Found): Cue {
  const before = text.slice(Math.max(0, f.index - 60), f.index).match(SENTENCE_TAIL)?.[0] ?? '';
  const after = text.slice(f.index + f.length, f.index + f.length + 40);
  if (f.range || INCLUSIVE_AFTER.test(after) || INCLUSIVE_BEFORE.test(before)) return 'last-day';
  if (RETURN_BEFORE.test(before) || RETURN_AFTER.test(after)) return 'return';
  if (RANGE_END_BEFORE.test(before)) return 'last-day';
  if (UNTIL_BEFORE.test(before)) return 'until';
  return START_BEFORE.test(before) ? 'start' : 'none';
}

const nextWorkingDay = (d: DateTime) => {
  let next = d.plus({ days: 1 });
  while (next.weekday > 5) next = next.plus({ days: 1 });
  return next;
};

/** A date without a year (or a bare weekday) lies ahead of the day the notice came. */
function ahead(f: Found, today: DateTime): DateTime {
  let date = f.date;
  if (!f.dayKnown) while (date < today) date = date.plus({ weeks: 1 });
  if (!f.yearKnown && date < today.minus({ days: 1 })) date = date.plus({ years: 1 });
  return date;
}

/** A notice names its dates early; chrono costs ~1 ms per 100 characters and language. */
const DATE_TEXT_CHARS = 1_500;
/** Bounds the candidates of the hand-written readers (numbers, ordinals) on hostile text. */
const MAX_EXTRA = 20;
const firstOf = <T>(items: Iterable<T>, max: number) => [
  ...(function* () {
    let n = 0;
    for (const item of items) {
      if (n++ >= max) return;
      yield item;
    }
  })(),
];

const RANK: Record<Cue, number> = { return: 3, 'last-day': 2, until: 1, none: 0, start: -1 };

/** The local date (YYYY-MM-DD) the person is back, or null when the text names none. */
export function returnDate(text: string, receivedAt: Date, language: Language | null, timeZone = 'UTC'): string | null {
  const zoned = DateTime.fromJSDate(receivedAt, { zone: timeZone });
  const local = zoned.isValid ? zoned : DateTime.fromJSDate(receivedAt, { zone: 'UTC' });
  const today = local.startOf('day');
  const parsers = language ? [...new Set<Language>([language, 'en'])] : LANGUAGES;
  const candidates = datesIn(text.slice(0, DATE_TEXT_CHARS), local, parsers)
    .map((f) => ({ f, cue: cueOf(text, f) }))
    .filter((c) => c.cue !== 'start');
  const best = candidates.reduce<(typeof candidates)[number] | null>(
    (a, c) => (!a || RANK[c.cue] >= RANK[a.cue] ? c : a),
    null,
  );
  if (!best || (best.cue === 'none' && NEXT_WEEK.test(text))) {
    return NEXT_WEEK.test(text) ? today.plus({ weeks: 1 }).startOf('week').toISODate() : null;
  }
  const date = ahead(best.f, today);
  const back = best.cue === 'last-day' || (best.cue !== 'return' && date.weekday >= 5) ? nextWorkingDay(date) : date;
  // A date years away is a typo or a trap in untrusted text: no return date rather than a pause for years.
  if (back < today.minus({ days: 1 }) || back > today.plus({ years: 5 })) return null;
  return back.toISODate();
}
