// The quote corpus's tuning split (test/corpus/quotes/tuning, `npm run corpus:quotes` prints every
// split): its figures stay at the goal. The held-out split is scored by the script only.
import { judge, loadCases } from '../testing/quoteCorpus';
import { withoutQuote } from './quotes';

const cases = loadCases('tuning');

describe('withoutQuote on the tuning split of the quote corpus', () => {
  const verdicts = cases.map((c) => ({ c, v: judge(c, withoutQuote(c.input)) }));

  it('covers the seven languages with at least 50 cases', () => {
    expect(new Set(cases.map((c) => c.lang))).toEqual(new Set(['de', 'en', 'es', 'fr', 'it', 'nl', 'pt']));
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it('loses no line the person wrote', () => {
    expect(
      verdicts.filter(({ v }) => v.lost.length).map(({ c, v }) => `${c.lang} ${c.name}: ${v.lost.join(' | ')}`),
    ).toEqual([]);
  });

  it('leaks no quoted history, and matches at least 95 % exactly', () => {
    expect(
      verdicts.filter(({ v }) => v.leaked.length).map(({ c, v }) => `${c.lang} ${c.name}: ${v.leaked.join(' | ')}`),
    ).toEqual([]);
    expect(verdicts.filter(({ v }) => v.exact).length / cases.length).toBeGreaterThanOrEqual(0.95);
  });
});
