// The labelled inbound corpus (data in test/corpus/inbound, docs/out-of-office.md) and its scores:
// what the classification ingest uses makes of each item, summed per split and language.
// Test tooling only (the corpus test, `npm run corpus`); no product code imports it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyInbound } from '../autoReplies';

export type Kind = 'human' | 'out_of_office' | 'auto_reply' | 'bounce';
export type Split = 'tuning' | 'heldout';
export type CorpusItem = {
  id: string;
  kind: Kind;
  language: string;
  returnDate: string | null;
  receivedAt: string;
  timeZone: string;
  headers: Record<string, string>;
  envelopeFrom?: string;
  subject: string;
  text: string;
};
export type Verdict = { kind: Kind; returnDate: string | null };
export type Classifier = (item: CorpusItem) => Verdict;

const ROOT = join(__dirname, '..', '..', '..', '..', 'test', 'corpus', 'inbound');

export function loadCorpus(split: Split): CorpusItem[] {
  const dir = join(ROOT, split);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CorpusItem[]);
}

export type Scores = {
  items: number;
  ooo: { precision: number; recall: number; f1: number; found: number; of: number };
  automatic: { precision: number; recall: number; f1: number };
  /** Human replies taken for anything automatic (they would not stop the sequence). */
  humanAsAutomatic: number;
  /** Human replies or bounces taken for an out-of-office (would pause instead of stop or ignore). */
  nonOooAsOoo: number;
  /** Out-of-office notices taken for a human reply (they would stop the sequence). */
  oooAsHuman: number;
  bounceAsHuman: number;
  bounceAsOoo: number;
  /** Dated out-of-office notices whose return date was found within a day. */
  dates: { right: number; of: number; accuracy: number };
  misses: string[];
};

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const dayDiff = (a: string, b: string) =>
  Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
const isAutomatic = (k: Kind) => k === 'out_of_office' || k === 'auto_reply';

export function score(items: CorpusItem[], classify: Classifier): Scores {
  const got = items.map((item) => ({ item, verdict: classify(item) }));
  const count = (test: (x: (typeof got)[number]) => boolean) => got.filter(test).length;
  const oooTp = count((x) => x.item.kind === 'out_of_office' && x.verdict.kind === 'out_of_office');
  const oooPredicted = count((x) => x.verdict.kind === 'out_of_office');
  const oooActual = count((x) => x.item.kind === 'out_of_office');
  const autoTp = count((x) => isAutomatic(x.item.kind) && isAutomatic(x.verdict.kind));
  const autoPredicted = count((x) => isAutomatic(x.verdict.kind));
  const autoActual = count((x) => isAutomatic(x.item.kind));
  const dated = got.filter((x) => x.item.kind === 'out_of_office' && x.item.returnDate);
  const right = dated.filter(
    (x) => x.verdict.returnDate && dayDiff(x.verdict.returnDate, x.item.returnDate!) <= 1,
  ).length;
  const [op, or, ap, ar] = [
    ratio(oooTp, oooPredicted),
    ratio(oooTp, oooActual),
    ratio(autoTp, autoPredicted),
    ratio(autoTp, autoActual),
  ];
  return {
    items: items.length,
    ooo: { precision: op, recall: or, f1: f1(op, or), found: oooTp, of: oooActual },
    automatic: { precision: ap, recall: ar, f1: f1(ap, ar) },
    humanAsAutomatic: count((x) => x.item.kind === 'human' && x.verdict.kind !== 'human'),
    nonOooAsOoo: count(
      (x) => (x.item.kind === 'human' || x.item.kind === 'bounce') && x.verdict.kind === 'out_of_office',
    ),
    oooAsHuman: count((x) => x.item.kind === 'out_of_office' && x.verdict.kind === 'human'),
    bounceAsHuman: count((x) => x.item.kind === 'bounce' && x.verdict.kind === 'human'),
    bounceAsOoo: count((x) => x.item.kind === 'bounce' && x.verdict.kind === 'out_of_office'),
    dates: { right, of: dated.length, accuracy: ratio(right, dated.length) },
    misses: got
      .filter(
        (x) => x.verdict.kind !== x.item.kind || (x.item.returnDate && x.verdict.returnDate !== x.item.returnDate),
      )
      .map(
        (x) =>
          `${x.item.id} ${x.item.kind}${x.item.returnDate ? ` ${x.item.returnDate}` : ''} → ${x.verdict.kind} ${x.verdict.returnDate ?? ''}`,
      ),
  };
}

export const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'];

/** One line per language and a total: the figures the issue asks for. */
export function table(items: CorpusItem[], classify: Classifier): string[] {
  const fmt = (n: number) => n.toFixed(2);
  const line = (name: string, s: Scores) =>
    [
      name.padEnd(5),
      String(s.items).padStart(4),
      `OOO P ${fmt(s.ooo.precision)} R ${fmt(s.ooo.recall)} F1 ${fmt(s.ooo.f1)} (${s.ooo.found}/${s.ooo.of})`,
      `auto P ${fmt(s.automatic.precision)} R ${fmt(s.automatic.recall)} F1 ${fmt(s.automatic.f1)}`,
      `human→auto ${s.humanAsAutomatic}`,
      `→OOO ${s.nonOooAsOoo}`,
      `OOO→human ${s.oooAsHuman}`,
      `bounce→human ${s.bounceAsHuman}`,
      `dates ±1d ${s.dates.right}/${s.dates.of} ${fmt(s.dates.accuracy)}`,
    ].join('  ');
  return [
    ...LANGUAGES.map((l) =>
      line(
        l,
        score(
          items.filter((i) => i.language === l),
          classify,
        ),
      ),
    ),
    line('all', score(items, classify)),
  ];
}

/** An item through the same decision ingest makes (services/ingest/src/inboundMail/outOfOffice.ts). */
export function classifyItem(item: CorpusItem): Verdict {
  const verdict = classifyInbound({
    headers: item.headers,
    subject: item.subject,
    text: item.text,
    receivedAt: new Date(item.receivedAt),
    envelopeFrom: item.envelopeFrom ?? null,
    timeZone: item.timeZone,
  });
  return { kind: verdict.kind, returnDate: verdict.returnDate };
}
