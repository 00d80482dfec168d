// The "Message content does not contain" phrase of each follow-up of the Missive template: text
// unique to the follow-up, so a sent follow-up never matches the rule that scheduled it.
import type { ResolvedTemplateFollowup } from '@follow-ups/contract';
import { htmlToPlainText, looksLikeHtml, normalizeText, trimToWords } from '@follow-ups/domain';
import { invalid } from '../http/appError';

/** Stands in for a Liquid tag while HTML is stripped, so no phrase spans rendered data. */
const TAG_BREAK = '\uE000';
const CLOSING = { '{{': '}}', '{%': '%}' } as const;

/**
 * Each `{{ … }}` and `{% … %}` replaced by `mark`, in one pass (a lazy regex such as
 * /\{\{[\s\S]*?\}\}/g is quadratic on a template with many unclosed `{{`).
 */
function markLiquid(template: string, mark: string): string {
  const opening = /\{[{%]/g;
  const unclosed = new Set<string>();
  let out = '';
  let at = 0;
  for (let m = opening.exec(template); m; m = opening.exec(template)) {
    const open = m[0] as keyof typeof CLOSING;
    const close = unclosed.has(open) ? -1 : template.indexOf(CLOSING[open], m.index + 2);
    if (close < 0) {
      unclosed.add(open); // no later one closes either
      opening.lastIndex = m.index + 1;
      continue;
    }
    out += template.slice(at, m.index) + mark;
    at = opening.lastIndex = close + 2;
  }
  return out + template.slice(at);
}
const MIN_WORDS = 3;
const MAX_WORDS = 10;

/** The literal text runs of a template: Liquid tags removed, HTML stripped, one run per line. */
export function literalTextRuns(template: string): string[] {
  const marked = markLiquid(template, TAG_BREAK);
  const text = looksLikeHtml(marked) ? htmlToPlainText(marked) : marked;
  return text
    .split(new RegExp(`${TAG_BREAK}|\\r?\\n`))
    .map((run) => run.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/**
 * The opening phrase of a body: its first sentence, clause (up to `:` or `;`) or line of at
 * least three words outside Liquid tags, at most ten words, without surrounding punctuation.
 * Greetings such as "Hi {{ recipient.first_name }}," are skipped. Null when there is none.
 */
export function openingPhrase(body: string): string | null {
  for (const run of literalTextRuns(body)) {
    for (const sentence of run.split(/(?<=[.!?:;])\s+/)) {
      // trimToWords trims by index: /[^\p{L}\p{N}]+$/ is quadratic on a long run of punctuation.
      const words = trimToWords(sentence).split(' ').filter(Boolean);
      if (words.filter((w) => /[\p{L}\p{N}]/u.test(w)).length >= MIN_WORDS)
        return trimToWords(words.slice(0, MAX_WORDS).join(' '));
    }
  }
  return null;
}

type Issue = { path: string; message: string };

function phraseProblem(followup: ResolvedTemplateFollowup, phrase: string | null, trigger: string): string | null {
  if (!phrase) {
    return `no sentence of ${MIN_WORDS} or more words outside Liquid tags in the body to use as its "does not contain" phrase; give \`phrase\``;
  }
  const [p, t] = [normalizeText(phrase), normalizeText(trigger)];
  if (p.includes(t)) {
    return `"${phrase}" contains the trigger phrase "${trigger}": the follow-up would itself carry the trigger; give a \`phrase\` unique to this follow-up`;
  }
  if (t.includes(p)) {
    return `the trigger phrase "${trigger}" contains "${phrase}": every initial email would fail "does not contain" and the rule would never run; give a longer \`phrase\``;
  }
  const runs = [followup.subject ?? '', followup.body].flatMap(literalTextRuns).map(normalizeText);
  if (!runs.some((run) => run.includes(p))) {
    return `"${phrase}" does not appear in the follow-up's text (outside Liquid tags), so it would not keep the follow-up from matching the rule`;
  }
  return null;
}

/**
 * One "does not contain" phrase per follow-up, in order: its `phrase`, or its opening phrase.
 * A 400 listing every follow-up whose phrase is missing, overlaps the trigger phrase or is not in
 * its own text.
 */
export function followUpPhrases(trigger: string, followups: ResolvedTemplateFollowup[]): string[] {
  const issues: Issue[] = [];
  const phrases = followups.map((followup, i) => {
    const phrase = followup.phrase?.trim() || openingPhrase(followup.body);
    const problem = phraseProblem(followup, phrase, trigger);
    if (problem) issues.push({ path: `body.followups.${i}.${followup.phrase ? 'phrase' : 'body'}`, message: problem });
    return phrase ?? '';
  });
  if (issues.length) throw invalid('a follow-up has no usable "does not contain" phrase', issues);
  return phrases;
}
