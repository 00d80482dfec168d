// `npm run corpus [-- --misses]`: precision, recall and return dates on the labelled inbound corpus,
// per split and language. The held-out split is for the final figures, not for tuning (docs/out-of-office.md).
import { classifyItem, loadCorpus, score, table, type Split } from '../../packages/domain/src/testing/inboundCorpus';

const splits: Split[] = process.argv.includes('--tuning-only') ? ['tuning'] : ['tuning', 'heldout'];
for (const split of splits) {
  const items = loadCorpus(split);
  console.log(`== ${split}`);
  console.log(table(items, classifyItem).join('\n'));
  if (process.argv.includes('--misses')) console.log(score(items, classifyItem).misses.join('\n'));
}
