// `tsx test/bench/untrustedText.ts`: how long the text functions take on the hostile shapes of
// issue 18 at the size limits (the fault suite's textStalls.test.ts asserts the event-loop delay).
import { htmlToPlainText, oneLine, withoutQuote } from '@follow-ups/domain';
import { openingPhrase } from '../../services/ingest/src/ruleTemplates/followUpPhrases';
import { nestedHtml, oneRowTable, punctuationBody, quoteHeaderLikeBody } from '../helpers/hostileText';

function time(name: string, work: () => unknown): void {
  for (let i = 0; i < 2; i++) work(); // warm: the figure is a warm run
  const started = performance.now();
  let outcome = 'ok';
  try {
    work();
  } catch (error) {
    outcome = `threw: ${(error as Error).message.slice(0, 60)}`;
  }
  console.log(`| ${name} | ${(performance.now() - started).toFixed(1)} ms | ${outcome} |`);
}

console.log('| case | time | outcome |\n|---|---|---|');
time('withoutQuote, 3,000 chars of quote-header-like lines', () => withoutQuote(quoteHeaderLikeBody(3_000)));
time('withoutQuote, 8,000 chars of quote-header-like lines', () => withoutQuote(quoteHeaderLikeBody(8_000)));
time('withoutQuote, 1,000,000 chars of quote-header-like lines', () => withoutQuote(quoteHeaderLikeBody(1_000_000)));
time('subject folding, 100,000 spaces', () => oneLine(`Quote ${' '.repeat(100_000)}x`));
time('follow-up phrase, 100,000 chars of punctuation', () => openingPhrase(punctuationBody(100_000)));
time('HTML to text, 1 MB one-row table', () => htmlToPlainText(oneRowTable(1_000_000)));
time('HTML to text, 5,000 nested elements', () => htmlToPlainText(nestedHtml(5_000)));
time('HTML to text, 20,000-char ordinary mail (html-to-text path)', () =>
  htmlToPlainText('<p>Some words in a <b>paragraph</b> here.</p>'.repeat(20_000 / 46)),
);
