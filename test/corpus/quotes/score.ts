// `npm run corpus:quotes`: how withoutQuote does on the quote corpus, per split and language:
// exact matches, cases that leak quoted history into the reply, lines of the reply lost.
import { withoutQuote } from '@follow-ups/domain';
import { judge, loadCases, SPLITS } from '../../../packages/domain/src/testing/quoteCorpus';

type Row = { cases: number; exact: number; leaks: number; lost: number };
const empty = (): Row => ({ cases: 0, exact: 0, leaks: 0, lost: 0 });
const pct = (r: Row) => `${((100 * r.exact) / Math.max(1, r.cases)).toFixed(1)} %`;

const verbose = process.argv.includes('--verbose');
for (const split of SPLITS) {
  const byLang = new Map<string, Row>();
  const total = empty();
  for (const c of loadCases(split)) {
    const output = withoutQuote(c.input);
    const v = judge(c, output);
    const row = byLang.get(c.lang) ?? empty();
    byLang.set(c.lang, row);
    for (const r of [row, total]) {
      r.cases += 1;
      r.exact += v.exact ? 1 : 0;
      r.leaks += v.leaked.length ? 1 : 0;
      r.lost += v.lost.length;
    }
    if (!v.exact && verbose)
      console.log(
        `  ✗ ${split}/${c.lang} ${c.name}\n    leaked: ${JSON.stringify(v.leaked)}\n    lost: ${JSON.stringify(v.lost)}`,
      );
  }
  console.log(
    `\n${split}: ${total.exact}/${total.cases} exact (${pct(total)}), ${total.leaks} leaking, ${total.lost} reply lines lost`,
  );
  console.log('| lang | cases | exact | rate | leaking | lines lost |\n|---|---|---|---|---|---|');
  for (const [lang, r] of [...byLang].sort())
    console.log(`| ${lang} | ${r.cases} | ${r.exact} | ${pct(r)} | ${r.leaks} | ${r.lost} |`);
}
