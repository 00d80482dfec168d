// The labelled inbound corpus (test/corpus/inbound/tuning) at or above the goals of docs/out-of-office.md:
// a regression in the patterns or the dates fails here. The held-out split is scored by `npm run corpus`.
import { classifyItem, loadCorpus, score } from '../testing/inboundCorpus';

describe('inbound corpus, tuning split', () => {
  const scores = score(loadCorpus('tuning'), classifyItem);

  it('finds out-of-office notices and reads their return dates', () => {
    expect(scores.ooo.recall).toBeGreaterThanOrEqual(0.9);
    expect(scores.automatic.precision).toBeGreaterThanOrEqual(0.99);
    expect(scores.dates.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('never takes a human reply or a bounce for an out-of-office, nor a bounce for a person', () => {
    expect(scores.nonOooAsOoo).toBe(0);
    expect(scores.bounceAsHuman).toBe(0);
    expect(scores.humanAsAutomatic).toBe(0);
  });
});
